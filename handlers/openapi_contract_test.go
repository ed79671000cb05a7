package handlers

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// The document as client generators read it (openapi-typescript, openapi-generator): what the
// server sends must be declared, and what a client may leave out must not look required.
// web/scripts/check-examples.mjs checks the examples against generated TypeScript.

func loadContract(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(openAPIDocument)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// contractOperations lists every operation as "METHOD /path", in a stable order.
func contractOperations(doc *openapi3.T) (names []string, ops map[string]*openapi3.Operation) {
	ops = map[string]*openapi3.Operation{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			name := method + " " + path
			names = append(names, name)
			ops[name] = op
		}
	}
	sort.Strings(names)
	return names, ops
}

func TestContractForClientGenerators(t *testing.T) {
	doc := loadContract(t)
	names, ops := contractOperations(doc)

	t.Run("every operation that takes an Idempotency-Key declares Idempotent-Replayed on its success answers", func(t *testing.T) {
		checked := 0
		for _, name := range names {
			op := ops[name]
			if !slices.ContainsFunc(op.Parameters, func(p *openapi3.ParameterRef) bool {
				return p.Value.In == openapi3.ParameterInHeader && p.Value.Name == "Idempotency-Key"
			}) {
				continue
			}
			for status, res := range op.Responses.Map() {
				if !strings.HasPrefix(status, "2") {
					continue
				}
				checked++
				h := res.Value.Headers["Idempotent-Replayed"]
				if h == nil {
					t.Errorf("%s %s: the server may send Idempotent-Replayed, the response does not declare it", name, status)
					continue
				}
				if h.Value.Schema == nil || !slices.Equal(h.Value.Schema.Value.Enum, []any{"true"}) {
					t.Errorf("%s %s: Idempotent-Replayed should be the string \"true\"", name, status)
				}
			}
		}
		if checked < 10 {
			t.Fatalf("only %d success answers of operations with an Idempotency-Key", checked)
		}
	})

	t.Run("no request body field has a default, which generated clients would make required", func(t *testing.T) {
		seen := map[*openapi3.Schema]bool{}
		var walk func(where string, s *openapi3.SchemaRef)
		walk = func(where string, s *openapi3.SchemaRef) {
			if s == nil || s.Value == nil || seen[s.Value] {
				return
			}
			seen[s.Value] = true
			for name, p := range s.Value.Properties {
				if p.Value != nil && p.Value.Default != nil {
					t.Errorf("%s.%s has default %v: leave it out of the schema and say it in the description", where, name, p.Value.Default)
				}
				walk(where+"."+name, p)
			}
			walk(where+"[]", s.Value.Items)
			for _, list := range []openapi3.SchemaRefs{s.Value.AllOf, s.Value.AnyOf, s.Value.OneOf} {
				for _, sub := range list {
					walk(where, sub)
				}
			}
		}
		bodies := 0
		for _, name := range names {
			if rb := ops[name].RequestBody; rb != nil {
				for media, mt := range rb.Value.Content {
					bodies++
					walk(name+" "+media, mt.Schema)
				}
			}
		}
		if bodies < 20 {
			t.Fatalf("only %d request bodies read", bodies)
		}
	})

	t.Run("the jsonl export is declared as text whose lines are each an ExportRow", func(t *testing.T) {
		op := ops["GET /v1/admin/export/outcomes"]
		if op == nil {
			t.Fatal("no export operation")
		}
		mt := op.Responses.Value("200").Value.Content.Get("application/x-ndjson")
		if mt == nil {
			t.Fatal("the export does not declare application/x-ndjson, which it sends for format=jsonl")
		}
		if mt.Schema == nil || !mt.Schema.Value.Type.Is("string") {
			t.Errorf("the body is one text of many lines, not one object: type %v", mt.Schema.Value.Type)
		}
		item, _ := mt.Extensions["x-itemSchema"].(map[string]any)
		if item["$ref"] != "#/components/schemas/ExportRow" {
			t.Errorf("x-itemSchema = %v, want the ExportRow $ref", mt.Extensions["x-itemSchema"])
		}
	})
}
