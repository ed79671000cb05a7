package store

import (
	"context"
	"io"
	"net"
	"sync/atomic"
	"testing"

	"github.com/microact/microact/domain"
	"github.com/microact/microact/store/redistest"
)

// A script whose answer comes later than the client waits has still run: sending it again
// would apply it twice (a swap spent twice, a notification sent twice). The store therefore
// never resends a command; the caller gets Unavailable and the app retries with its
// Idempotency-Key, which the scripts honour.
func TestAWriteWhoseAnswerIsLateIsNotSentAgain(t *testing.T) {
	srv := redistest.Start(t)
	ctx := context.Background()
	proxy := newLateProxy(t, srv.Addr())
	s, err := Connect(Options{URL: "redis://" + proxy.addr + "/0", KeyPrefix: "mx"}, domain.NewFixedClock(testNow))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	org, err := domain.NewOrg("acme", "Acme", "Europe/Amsterdam", testNow)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := domain.NewUser(org, domain.UserInput{Name: "Ada", Email: "ada@acme.example", Role: "admin"}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	_, code := domain.NewEnrollment(testNow)
	if err := s.CreateOrg(ctx, org, admin, code, nil); err != nil {
		t.Fatal(err)
	}
	draft := domain.DraftOf(domain.KindTest, "microact://notifications")
	if _, err := s.Notify(ctx, org.ID, admin.ID, draft, testNow); err != nil { // loads the script
		t.Fatal(err)
	}

	to, err := s.readRecipients(ctx, org.ID, []string{admin.ID})
	if err != nil {
		t.Fatal(err)
	}
	w := newWrite()
	s.tell(w, org.ID, to[0], domain.NewID(testNow), draft, testNow) // Notify's write
	proxy.loseNextAnswer.Store(true)                                // Redis runs the next command; its answer never arrives
	err = w.run(ctx, s, "notify")
	if domain.ErrorKind(err) != domain.KindUnavailable {
		t.Fatalf("want Unavailable when the answer does not come, got %v", err)
	}
	if n := srv.Client(t).LLen(ctx, s.keys.inbox(org.ID, admin.ID)).Val(); n != 2 {
		t.Fatalf("inbox holds %d notifications, want 2: the unanswered one ran exactly once", n)
	}
}

// lateProxy forwards TCP between the store and Redis; when loseNextAnswer is set, the next
// answer Redis sends is swallowed, as a network that fails after the request got through.
type lateProxy struct {
	addr           string
	loseNextAnswer atomic.Bool
}

func newLateProxy(t *testing.T, target string) *lateProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	p := &lateProxy{addr: ln.Addr().String()}
	go func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			server, err := net.Dial("tcp", target)
			if err != nil {
				client.Close()
				continue
			}
			go func() { _, _ = io.Copy(server, client); server.Close() }()
			go func() {
				defer client.Close()
				buf := make([]byte, 64<<10)
				for {
					n, err := server.Read(buf)
					if err != nil {
						return
					}
					if p.loseNextAnswer.CompareAndSwap(true, false) {
						continue // swallowed; the client's read times out
					}
					if _, err := client.Write(buf[:n]); err != nil {
						return
					}
				}
			}()
		}
	}()
	return p
}
