package configs

import (
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoad(t *testing.T) {
	t.Run("defaults apply in dev without a key file", func(t *testing.T) {
		c, err := Load(env(map[string]string{"MICROACT_ENV": "dev"}))
		if err != nil {
			t.Fatal(err)
		}
		if c.HTTPAddr != ":8080" || c.KeyPrefix != "mx" || c.UserRate != (domain.Rate{Events: 20, Per: time.Second}) || c.AuthRate != (domain.Rate{Events: 10, Per: time.Minute}) {
			t.Fatalf("unexpected defaults: %+v", c)
		}
	})
	t.Run("variables override defaults", func(t *testing.T) {
		c, err := Load(env(map[string]string{
			"MICROACT_JWT_KEY_FILE": "/k.pem", "MICROACT_USER_RATE": "off", "MICROACT_REDIS_CLUSTER_ADDRS": "a:1, b:2",
			"MICROACT_HTTP_ADDR": "127.0.0.1:9000", "MICROACT_TRUSTED_PROXIES": "10.0.0.0/8",
		}))
		if err != nil {
			t.Fatal(err)
		}
		if !c.UserRate.Off() || len(c.RedisClusterAddrs) != 2 || c.HTTPAddr != "127.0.0.1:9000" || len(c.TrustedProxies) != 1 {
			t.Fatalf("overrides not applied: %+v", c)
		}
	})
	for _, tc := range []struct{ name, variable, value string }{
		{"a prod start needs a key file", "MICROACT_JWT_KEY_FILE", ""},
		{"an unknown env is refused", "MICROACT_ENV", "staging"},
		{"a bad rate is refused", "MICROACT_USER_RATE", "fast"},
		{"a zero rate is refused", "MICROACT_AUTH_RATE", "0/s"},
		{"a rate whose burst would overflow is refused", "MICROACT_USER_RATE", "9223372036854775807/s"},
		{"a non-redis url is refused", "MICROACT_REDIS_URL", "http://x"},
		{"a bad listen address is refused", "MICROACT_HTTP_ADDR", "8080"},
		{"a cluster seed without port is refused", "MICROACT_REDIS_CLUSTER_ADDRS", "redis1"},
		{"a key prefix with a brace is refused", "MICROACT_KEY_PREFIX", "m{x"},
		{"an FCM endpoint without /v1 is refused", "MICROACT_FCM_ENDPOINT", "http://127.0.0.1:1"},
		{"a bad proxy network is refused", "MICROACT_TRUSTED_PROXIES", "10.0.0.1"},
		{"a debug address without a port is refused", "MICROACT_DEBUG_ADDR", "localhost"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := map[string]string{"MICROACT_JWT_KEY_FILE": "/k.pem", tc.variable: tc.value}
			if tc.value == "" {
				m = map[string]string{}
			}
			_, err := Load(env(m))
			if err == nil || !strings.Contains(err.Error(), tc.variable) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("want one line naming %s, got %v", tc.variable, err)
			}
		})
	}
	t.Run("the logged configuration masks the redis password", func(t *testing.T) {
		c, err := Load(env(map[string]string{"MICROACT_ENV": "dev", "MICROACT_REDIS_URL": "redis://u:s3cret@h:6379/0"}))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range c.LogAttrs() {
			if s, ok := a.(string); ok && strings.Contains(s, "s3cret") {
				t.Fatalf("secret logged: %v", c.LogAttrs())
			}
		}
	})
}
