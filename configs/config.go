// Package configs holds microact's typed configuration: defaults, environment overrides and
// validation, plus the starter content packs under packs/.
package configs

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/microact/microact/domain"
)

// maxRateEvents bounds N in a rate. Far above any useful limit, it keeps the limiters' burst
// (twice N) from overflowing into a negative number, which would refuse every request.
const maxRateEvents = 1_000_000

// ParseRate reads "20/s", "10/m", "100/h" or "off".
func ParseRate(s string) (domain.Rate, error) {
	if s == "off" {
		return domain.Rate{}, nil
	}
	n, unit, ok := strings.Cut(s, "/")
	per := map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour}[unit]
	events, err := strconv.Atoi(n)
	if !ok || per == 0 || err != nil || events < 1 || events > maxRateEvents {
		return domain.Rate{}, fmt.Errorf("want N/s, N/m, N/h (N from 1 to %d) or off, got %q", maxRateEvents, s)
	}
	return domain.Rate{Events: events, Per: per}, nil
}

// Config is everything microact reads from its environment.
type Config struct {
	HTTPAddr           string
	RedisURL           string
	RedisClusterAddrs  []string
	KeyPrefix          string
	JWTKeyFile         string
	FCMCredentialsFile string
	FCMProjectID       string
	FCMEndpoint        string
	Env                string // "prod" or "dev"
	UserRate           domain.Rate
	AuthRate           domain.Rate
	// TrustedProxies are the networks whose X-Forwarded-For is believed when finding a client's
	// address (for the auth rate limit). Empty: the connection's address is the client's.
	TrustedProxies []*net.IPNet
	// DebugAddr, when set, serves Go's profiler (net/http/pprof) on its own listener, meant for
	// loopback: `go tool pprof http://127.0.0.1:6060/debug/pprof/profile`.
	DebugAddr string
}

// Dev reports whether the relaxed development mode is on.
func (c Config) Dev() bool { return c.Env == "dev" }

// Defaults are the values used when a variable is not set.
var Defaults = map[string]string{
	"MICROACT_HTTP_ADDR":            ":8080",
	"MICROACT_REDIS_URL":            "redis://127.0.0.1:6379/0",
	"MICROACT_REDIS_CLUSTER_ADDRS":  "",
	"MICROACT_KEY_PREFIX":           "mx",
	"MICROACT_JWT_KEY_FILE":         "",
	"MICROACT_FCM_CREDENTIALS_FILE": "",
	"MICROACT_FCM_PROJECT_ID":       "",
	"MICROACT_FCM_ENDPOINT":         "",
	"MICROACT_ENV":                  "prod",
	"MICROACT_USER_RATE":            "20/s",
	"MICROACT_AUTH_RATE":            "10/m",
	"MICROACT_TRUSTED_PROXIES":      "",
	"MICROACT_DEBUG_ADDR":           "",
}

// Load reads the configuration through getenv (os.Getenv in main, a map in tests). The error
// names the first variable that is wrong, in one line.
func Load(getenv func(string) string) (Config, error) {
	get := func(name string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return Defaults[name]
	}
	bad := func(name string, why any) (Config, error) {
		return Config{}, fmt.Errorf("invalid %s: %v", name, why)
	}
	c := Config{
		HTTPAddr:           get("MICROACT_HTTP_ADDR"),
		RedisURL:           get("MICROACT_REDIS_URL"),
		KeyPrefix:          get("MICROACT_KEY_PREFIX"),
		JWTKeyFile:         get("MICROACT_JWT_KEY_FILE"),
		FCMCredentialsFile: get("MICROACT_FCM_CREDENTIALS_FILE"),
		FCMProjectID:       get("MICROACT_FCM_PROJECT_ID"),
		FCMEndpoint:        get("MICROACT_FCM_ENDPOINT"),
		Env:                get("MICROACT_ENV"),
		DebugAddr:          get("MICROACT_DEBUG_ADDR"),
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		return bad("MICROACT_HTTP_ADDR", "want host:port or :port")
	}
	if _, _, err := net.SplitHostPort(c.DebugAddr); c.DebugAddr != "" && err != nil {
		return bad("MICROACT_DEBUG_ADDR", "want host:port, e.g. 127.0.0.1:6060")
	}
	if u, err := url.Parse(c.RedisURL); err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
		return bad("MICROACT_REDIS_URL", "want redis://host:port/db or rediss://…")
	}
	if s := get("MICROACT_REDIS_CLUSTER_ADDRS"); s != "" {
		for _, a := range strings.Split(s, ",") {
			a = strings.TrimSpace(a)
			if _, _, err := net.SplitHostPort(a); err != nil {
				return bad("MICROACT_REDIS_CLUSTER_ADDRS", fmt.Sprintf("%q is not host:port", a))
			}
			c.RedisClusterAddrs = append(c.RedisClusterAddrs, a)
		}
	}
	if strings.ContainsAny(c.KeyPrefix, "{}: ") || len(c.KeyPrefix) > 32 {
		return bad("MICROACT_KEY_PREFIX", "at most 32 characters, without braces, colons or spaces")
	}
	if c.Env != "prod" && c.Env != "dev" {
		return bad("MICROACT_ENV", "want prod or dev")
	}
	if c.JWTKeyFile == "" && !c.Dev() {
		return bad("MICROACT_JWT_KEY_FILE", "required unless MICROACT_ENV=dev")
	}
	if c.FCMEndpoint != "" {
		if u, err := url.Parse(c.FCMEndpoint); err != nil || u.Host == "" || !strings.HasSuffix(u.Path, "/v1") {
			return bad("MICROACT_FCM_ENDPOINT", "want a base URL ending in /v1")
		}
	}
	var err error
	if c.UserRate, err = ParseRate(get("MICROACT_USER_RATE")); err != nil {
		return bad("MICROACT_USER_RATE", err)
	}
	if c.AuthRate, err = ParseRate(get("MICROACT_AUTH_RATE")); err != nil {
		return bad("MICROACT_AUTH_RATE", err)
	}
	if s := get("MICROACT_TRUSTED_PROXIES"); s != "" {
		for _, cidr := range strings.Split(s, ",") {
			_, n, err := net.ParseCIDR(strings.TrimSpace(cidr))
			if err != nil {
				return bad("MICROACT_TRUSTED_PROXIES", fmt.Sprintf("%q is not a CIDR like 10.0.0.0/8", cidr))
			}
			c.TrustedProxies = append(c.TrustedProxies, n)
		}
	}
	return c, nil
}

// LogAttrs lists the configuration for the start-up log with secrets masked: the Redis URL's
// password; file paths are shown, never their contents.
func (c Config) LogAttrs() []any {
	redisURL := c.RedisURL
	if u, err := url.Parse(c.RedisURL); err == nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		redisURL = u.String()
	}
	return []any{
		"http_addr", c.HTTPAddr, "redis_url", redisURL, "redis_cluster_addrs", c.RedisClusterAddrs,
		"key_prefix", c.KeyPrefix, "jwt_key_file", c.JWTKeyFile, "fcm_credentials_file", c.FCMCredentialsFile,
		"fcm_project_id", c.FCMProjectID, "fcm_endpoint", c.FCMEndpoint, "env", c.Env,
		"user_rate", c.UserRate.String(), "auth_rate", c.AuthRate.String(), "trusted_proxies", len(c.TrustedProxies),
		"debug_addr", c.DebugAddr,
	}
}
