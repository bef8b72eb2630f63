package storetest

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/server/store"
)

func testUsers(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	ctx := context.Background()
	if _, err := s.User(ctx, "nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("User(nobody) error = %v, want ErrNotFound", err)
	}
	u := store.User{Name: "王芳", Zone: "zone-a", Role: store.RoleManager, Hash: "$argon2id$x", Created: now}
	if err := s.PutUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	got, err := s.User(ctx, "王芳")
	if err != nil || got.Zone != u.Zone || got.Role != u.Role || got.Hash != u.Hash || !got.Created.Equal(u.Created) {
		t.Fatalf("User = %+v, %v; want %+v", got, err, u)
	}
	u.Zone = "zone-b"
	if err := s.PutUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.User(ctx, "王芳"); got.Zone != "zone-b" {
		t.Fatalf("PutUser did not replace: %+v", got)
	}
}

func testSecret(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	a, err := s.Secret(context.Background())
	if err != nil || len(a) < 32 {
		t.Fatalf("Secret = %x, %v", a, err)
	}
	b, err := s.Secret(context.Background())
	if err != nil || !bytes.Equal(a, b) {
		t.Fatalf("second Secret differs: %x vs %x (%v)", a, b, err)
	}
}

func testAttempts(t *testing.T, newStore NewStore) {
	s := newStore(t, noHooks)
	ctx := context.Background()
	win := 15 * time.Minute
	t0 := now.Truncate(win)
	tests := []struct {
		key  string
		at   time.Time
		want int
	}{
		{"user:a", t0, 1},
		{"user:a", t0.Add(time.Minute), 2},
		{"user:b", t0.Add(time.Minute), 1},
		{"user:a", t0.Add(14 * time.Minute), 3},
		{"user:a", t0.Add(win), 1}, // next window
	}
	for _, tt := range tests {
		got, err := s.Attempt(ctx, tt.key, tt.at, win)
		if err != nil || got != tt.want {
			t.Fatalf("Attempt(%s, %s) = %d, %v; want %d", tt.key, tt.at, got, err, tt.want)
		}
	}
	if err := s.ResetAttempts(ctx, "user:a"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Attempt(ctx, "user:a", t0.Add(win), win); got != 1 {
		t.Fatalf("after reset count = %d, want 1", got)
	}
}
