package store

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
	"github.com/redis/go-redis/v9"
)

// Redis Cluster runs a script or a MULTI only if all its keys hash to one slot, so every key
// an org's scripts touch carries the org's {hash tag}. Three checks keep it so: this file's
// static check that every org key builder starts from the org's base; SameSlotHook on every
// test client, which refuses a script or transaction whose keys span slots in both passes;
// and the cluster pass (MICROACT_TEST_REDIS=cluster), where Redis also refuses a script
// reaching a key of another slot that it builds itself.

// globalKeys are the builders whose keys belong to no org, on purpose (see keys.go). They must
// never be among a script's KEYS next to an org's keys.
// The sign-in failure budgets (authFailures, authCeiling) are redis_rate's, never in a script of ours.
// The floor keys carry a tag of their own, "{o}", on purpose: the benchmark floor belongs to no org.
var globalKeys = map[string]bool{"enrollment": true, "orgs": true, "seq": true, "worker": true, "authFailures": true, "authCeiling": true, "floorUser": true, "floorPattern": true}

func TestEveryOrgKeyIsBuiltOnTheOrgsBase(t *testing.T) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "keys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	builders := 0
	for _, decl := range file.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		// Only keys' methods build; Keys' (the names tests may use) call them.
		if !ok || !isKeysMethod(fn) || fn.Name.Name == "org" || globalKeys[fn.Name.Name] {
			continue
		}
		builders++
		t.Run(fn.Name.Name+" starts from the org's base, k.org(org)", func(t *testing.T) {
			params := fn.Type.Params.List
			if len(params) == 0 || len(params[0].Names) == 0 || params[0].Names[0].Name != "org" {
				t.Fatalf("%s: the first parameter is not org", fset.Position(fn.Pos()))
			}
			if len(fn.Body.List) != 1 {
				t.Fatalf("%s: want a single return statement", fset.Position(fn.Pos()))
			}
			ret, ok := fn.Body.List[0].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != 1 || !startsWithOrgBase(ret.Results[0]) {
				t.Fatalf("%s: does not return k.org(org) + …; a key outside the org's slot cannot share "+
					"a script with the org's keys (a global key belongs in globalKeys, and never in a script)",
					fset.Position(fn.Pos()))
			}
		})
	}
	if builders < 50 {
		t.Fatalf("found only %d key builders in keys.go", builders)
	}

	t.Run("the org's base puts the org in the key's first braces, so its slot is the org's", func(t *testing.T) {
		k := keys{prefix: "mx"}
		for _, org := range []string{"acme", "globex", "a", "store-42"} {
			if got, want := redistest.Slot(k.user(org, "01J")), redistest.Slot(org); got != want {
				t.Errorf("user key of %s is in slot %d, the org's tag in %d", org, got, want)
			}
			if got, want := redistest.Slot(k.teamBoard(org, "t1", "w2026-11-23")), redistest.Slot(k.orgSettings(org)); got != want {
				t.Errorf("team board of %s is in slot %d, its settings in %d", org, got, want)
			}
		}
	})
}

// isKeysMethod reports whether fn is a method of keys, the type whose methods build keys.
func isKeysMethod(fn *ast.FuncDecl) bool {
	if fn.Recv == nil || len(fn.Recv.List) != 1 {
		return false
	}
	id, ok := fn.Recv.List[0].Type.(*ast.Ident)
	return ok && id.Name == "keys"
}

// startsWithOrgBase reports whether e is k.org(org), or a sum whose first term is.
func startsWithOrgBase(e ast.Expr) bool {
	for {
		bin, ok := e.(*ast.BinaryExpr)
		if !ok || bin.Op != token.ADD {
			break
		}
		e = bin.X
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "org" {
		return false
	}
	recv, ok := sel.X.(*ast.Ident)
	arg, ok2 := call.Args[0].(*ast.Ident)
	return ok && ok2 && recv.Name == "k" && arg.Name == "org"
}

func TestAScriptWhoseKeysSpanSlotsIsRefused(t *testing.T) {
	ctx := context.Background()
	shared := redistest.Shared(t)
	k := keys{prefix: redistest.Prefix(t)}
	var refused []string
	rdb := redistest.Bare(t, shared)
	rdb.AddHook(redistest.SameSlotHook(func(what string) { refused = append(refused, what) }))
	st := New(rdb, k.prefix, domain.SystemClock{})

	for _, tc := range []struct{ name, other string }{
		{"another org's key", k.orgSettings("globex")},
		{"the global enrollment index", k.enrollment("c0de")},
		{"the global org list", k.orgs()},
	} {
		t.Run("a write of an org's key and "+tc.name+" is refused and writes nothing", func(t *testing.T) {
			refused = nil
			own := k.user("acme", "u1")
			err := newWrite().hset(own, dataField, "{}").sadd(tc.other, "x").run(ctx, st, "test")
			if !errors.Is(err, redistest.ErrCrossSlot) || len(refused) != 1 {
				t.Fatalf("got %v, refusals %v; want CROSSSLOT, reported once", err, refused)
			}
			if n, _ := rdb.Exists(ctx, own).Result(); n != 0 {
				t.Fatal("the refused write changed the org's key")
			}
		})
	}

	t.Run("a write of keys in one org's slot runs", func(t *testing.T) {
		refused = nil
		err := newWrite().hset(k.user("acme", "u2"), dataField, "{}").sadd(k.admins("acme"), "u2").run(ctx, st, "test")
		if err != nil || len(refused) > 0 {
			t.Fatalf("got %v, refusals %v", err, refused)
		}
	})

	t.Run("a cluster refuses it by itself too", func(t *testing.T) {
		if !redistest.ClusterMode(t) {
			t.Skip("only a cluster checks slots; the standalone pass relies on SameSlotHook (" + redistest.ModeVariable + "=cluster runs this)")
		}
		err := newWrite().hset(k.user("acme", "u3"), dataField, "{}").sadd(k.orgSettings("globex"), "x").
			run(ctx, New(redistest.Bare(t, shared), k.prefix, domain.SystemClock{}), "test")
		var rerr redis.Error
		if !errors.As(err, &rerr) || !strings.HasPrefix(rerr.Error(), "CROSSSLOT") {
			t.Fatalf("got %v, want Redis's CROSSSLOT", err)
		}
	})
}
