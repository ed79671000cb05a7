package main

import (
	"github.com/microact/microact/configs"
)

// readPack reads a pack by file path, or a built-in pack by name ("starter").
func readPack(ref string) (configs.Pack, error) {
	for _, name := range configs.BuiltinPacks() {
		if ref == name {
			return configs.BuiltinPack(name)
		}
	}
	return configs.LoadPack(ref)
}
