package fetch

import (
	"os"
	"strings"
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

func TestOffline(t *testing.T) {
	opt := quick()
	opt.Retries = -1
	_, err := Get(t.Context(), "http://example.org/", opt)
	if err == nil {
		t.Fatal("a request to example.org succeeded from a test")
	}
	t.Log(err)
	if he := httpErr(t, err); he.Err == nil || !strings.Contains(err.Error(), "127.0.0.1:9") {
		t.Errorf("unexpected error %v", err)
	}
}
