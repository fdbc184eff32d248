package main

import (
	"os"
	"testing"

	"github.com/clausediff/clausediff/internal/offline"
)

// TestMain keeps every test off the network: requests to any host but this
// machine's loopback go to a proxy address where nothing listens, and fail
// at once. The tests' own servers (httptest, on 127.0.0.1) are reached
// directly.
func TestMain(m *testing.M) {
	offline.Enable()
	os.Exit(m.Run())
}
