package main

import (
	"context"
	"strings"
	"testing"
)

// `microact org create` and `microact user code` read an address as the API does: in its normal
// form, refusing invisible characters and mixed scripts (issue 20).
func TestCommandLineEmails(t *testing.T) {
	o := newOperator(t)
	for _, email := range []string{"anna\u200b@acme.example", "an\u00adna@acme.example", "anna@\u0430cme.example"} {
		args := slicesReplace(createArgs, "Anna@Acme.Example", email)
		if _, _, err := o.run(args...); err == nil || !strings.Contains(err.Error(), "email") {
			t.Errorf("org create --admin-email %q: %v, want a refusal naming email", email, err)
		}
	}
	if _, err := o.store().Org(context.Background(), "acme"); err == nil {
		t.Fatal("a refused org create stored the org")
	}
	args := slicesReplace(createArgs, "Anna@Acme.Example", "ＡＮＮＡ@ACME.example")
	if _, _, err := o.run(args...); err != nil {
		t.Fatal(err)
	}
	if _, err := o.store().UserByEmail(context.Background(), "acme", "anna@acme.example"); err != nil {
		t.Fatalf("the fullwidth address was not stored as anna@acme.example: %v", err)
	}
	stdout, _, err := o.run("user", "code", "--org", "acme", "--email", "Ａnna@acme.example")
	if err != nil || !strings.Contains(stdout, "enrollment_code") {
		t.Fatalf("user code for the fullwidth address: %q, %v", stdout, err)
	}
}
