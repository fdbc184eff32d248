package main

import (
	"os"
	"testing"
)

// TestMain keeps every test off the network: requests to any host but this
// machine's loopback go to a proxy address where nothing listens, and fail
// at once. The tests' own servers (httptest, on 127.0.0.1) are reached
// directly.
func TestMain(m *testing.M) {
	offline()
	os.Exit(m.Run())
}

func offline() {
	for _, k := range []string{"HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"} {
		os.Setenv(k, "http://127.0.0.1:9")
	}
	os.Unsetenv("NO_PROXY")
	os.Unsetenv("no_proxy")
}
