package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/microact/microact/configs"
	"github.com/microact/microact/domain"
	"github.com/microact/microact/handlers"
	"github.com/microact/microact/store"
)

// openStore connects to Redis as configured.
func openStore(cfg configs.Config, clock domain.Clock) (*store.Store, error) {
	return store.Connect(store.Options{URL: cfg.RedisURL, ClusterAddrs: cfg.RedisClusterAddrs, KeyPrefix: cfg.KeyPrefix}, clock)
}

// devKeyFile is where a development signing key is generated when none is configured.
const devKeyFile = ".data/jwt-signing-key.pem"

// loadKeys reads the JWT signing keys; in dev without a key file it creates one under .data/.
func loadKeys(cfg configs.Config) (*handlers.Keys, string, error) {
	path := cfg.JWTKeyFile
	if path == "" {
		path = devKeyFile
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			pem, err := handlers.GenerateKeyPEM()
			if err != nil {
				return nil, "", err
			}
			if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
				return nil, "", err
			}
			if err := os.WriteFile(path, pem, 0o600); err != nil {
				return nil, "", err
			}
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("MICROACT_JWT_KEY_FILE: %w", err)
	}
	keys, err := handlers.ParseKeys(data)
	if err != nil {
		return nil, "", fmt.Errorf("MICROACT_JWT_KEY_FILE %s: %w", path, err)
	}
	return keys, path, nil
}
