#!/bin/sh
# Runs the greeter's tests and writes a JUnit report. Exits non-zero when a test fails.
bin=$1
report=${2:-/dev/null}
failures=0
cases=''
check() { # check NAME EXPECTED ARGS...
  name=$1 expected=$2
  shift 2
  actual=$("$bin" "$@")
  if [ "$actual" = "$expected" ]; then
    echo "PASS $name"
    cases="$cases<testcase classname=\"greeter\" name=\"$name\" file=\"test/run.sh\"/>"
  else
    echo "FAIL $name: expected '$expected', got '$actual'"
    failures=$((failures + 1))
    cases="$cases<testcase classname=\"greeter\" name=\"$name\" file=\"test/run.sh\"><failure message=\"expected '$expected', got '$actual'\">test/run.sh: $name</failure></testcase>"
  fi
}
check greets_the_world 'Hello, world!'
check greets_by_name 'Hello, Ada!' Ada
check greets_with_spaces 'Hello, Grace Hopper!' 'Grace Hopper'
mkdir -p "$(dirname "$report")" 2>/dev/null
printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="greeter" tests="3" failures="%s">%s</testsuite>\n' "$failures" "$cases" >"$report"
echo "$((3 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
