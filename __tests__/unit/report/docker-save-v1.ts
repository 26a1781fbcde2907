// What Docker Engine 20.10.24 wrote for a three-layer image (`FROM local/busybox:1`, two RUN
// steps) in `docker save`: each layer directory's name (its v1 ID) and `json`, and the image's diff
// IDs (`docker image inspect .RootFS.Layers`). The names are Docker's own hashes, so they check
// the v1 ID derivation against the engine rather than against a copy of it.
export const V1_DIFF_IDS = [
  'sha256:1318d349acf6bf187b1e938978d9e4ea7e7a50b9503858df392e74284493f2e2',
  'sha256:4587f430b848936311a7f3e10e1263b32906503c881bfff7dbd8bf2d8fe6929e',
  'sha256:8095fb2f03bbb615152eb6107f3f5832ee19025d5c0339687b185232c31d6799'
]

export const V1_LAYERS: Array<{ dir: string; json: string }> = [
  {
    dir: 'b95a1fbf0c93b63f34782483321df8c02ea89df7f68246042e4f5a16ba2439c6',
    json: '{"id":"b95a1fbf0c93b63f34782483321df8c02ea89df7f68246042e4f5a16ba2439c6","created":"1970-01-01T00:00:00Z","container_config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"os":"linux"}'
  },
  {
    dir: '2fd9ec62f6fa2bcc3b824a38a9778d1227f658b5a8c3880707599b428a3132c4',
    json: '{"id":"2fd9ec62f6fa2bcc3b824a38a9778d1227f658b5a8c3880707599b428a3132c4","parent":"b95a1fbf0c93b63f34782483321df8c02ea89df7f68246042e4f5a16ba2439c6","created":"1970-01-01T00:00:00Z","container_config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"os":"linux"}'
  },
  {
    dir: '9398e54799827dc0d1301976b058fd675dfcee872e844a42058fc7cb85d97534',
    json: '{"id":"9398e54799827dc0d1301976b058fd675dfcee872e844a42058fc7cb85d97534","parent":"2fd9ec62f6fa2bcc3b824a38a9778d1227f658b5a8c3880707599b428a3132c4","created":"2026-12-01T03:03:16.76604207Z","container_config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/bin"],"Cmd":["/bin/sh"],"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"architecture":"amd64","os":"linux"}'
  }
]
