#!/bin/sh
# "Compiles" the greeter: writes a script that greets with the given word.
set -eu
greeting=$1
out=$2
cat >"$out" <<SCRIPT
#!/bin/sh
name=\${1:-world}
echo "$greeting, \$name!"
SCRIPT
chmod 755 "$out"
