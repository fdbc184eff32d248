// Package offline keeps tests off the network.
package offline

import "os"

// DeadProxy is where Enable sends every request: a loopback port where
// nothing listens, so a request that would leave the machine fails at once.
const DeadProxy = "http://127.0.0.1:9"

// Enable routes HTTP and HTTPS requests to any host but the loopback
// (where httptest servers listen) through DeadProxy. Call it from TestMain.
func Enable() {
	for _, k := range []string{"HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"} {
		os.Setenv(k, DeadProxy)
	}
	os.Unsetenv("NO_PROXY")
	os.Unsetenv("no_proxy")
}
