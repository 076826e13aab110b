package sheet

import (
	"context"
	"testing"
	"time"

	"bina"
)

func TestGate(t *testing.T) {
	g := NewGate(2, 10*time.Millisecond)
	a, err := g.Enter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	b, err := g.Enter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Enter(t.Context()); bina.ErrorCode(err) != bina.TooMany {
		t.Fatalf("third turn: err %v, want TooMany", err)
	}
	// A turn given back while a request waits goes to it.
	done := make(chan error)
	go func() {
		slow := NewGate(1, time.Minute)
		leave, _ := slow.Enter(t.Context())
		go func() { leave() }()
		leave2, err := slow.Enter(t.Context())
		if err == nil {
			leave2()
		}
		done <- err
	}()
	if err := <-done; err != nil {
		t.Errorf("waiting for a freed turn: %v", err)
	}
	a()
	c, err := g.Enter(t.Context())
	if err != nil {
		t.Fatalf("after a leave: %v", err)
	}
	b()
	c()
	// A request that ends stops waiting.
	full := NewGate(1, time.Minute)
	leave, _ := full.Enter(t.Context())
	defer leave()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := full.Enter(ctx); bina.ErrorCode(err) != bina.TooMany {
		t.Errorf("cancelled wait: err %v, want TooMany", err)
	}
	var none *Gate
	leaveNone, err := none.Enter(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	leaveNone()
}
