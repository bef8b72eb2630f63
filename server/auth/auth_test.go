package auth

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shanhaifield/shanhai/server/store"
	"github.com/shanhaifield/shanhai/server/store/boltstore"
)

// cheap keeps tests fast; production uses DefaultParams.
var cheap = Params{Memory: 1024, Time: 1, Threads: 1}

func TestPassword(t *testing.T) {
	h, err := HashPassword("山海协作2026", cheap)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, hash, password string
		ok                   bool
		wantErr              bool
	}{
		{"right", h, "山海协作2026", true, false},
		{"wrong", h, "山海协作2025", false, false},
		{"empty", h, "", false, false},
		{"bcrypt form", "$2a$10$abc", "x", false, true},
		{"bad params", "$argon2id$v=19$m=0,t=1,p=1$c2FsdA$a2V5", "x", false, true},
		{"huge memory", "$argon2id$v=19$m=999999999,t=1,p=1$c2FsdA$a2V5", "x", false, true},
		{"too many passes", "$argon2id$v=19$m=1024,t=11,p=1$c2FsdA$a2V5", "x", false, true},
		{"bad base64", "$argon2id$v=19$m=1024,t=1,p=1$!!$a2V5", "x", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := CheckPassword(tt.hash, tt.password)
			if ok != tt.ok || (err != nil) != tt.wantErr {
				t.Fatalf("CheckPassword = %v, %v; want %v, err %v", ok, err, tt.ok, tt.wantErr)
			}
		})
	}
}

func TestToken(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	p := store.Principal{Name: "alice", Zone: "zone-a", Role: store.RoleStaff}
	now := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	good := Sign(secret, p, now.Add(time.Hour))
	admin := Sign(secret, store.Principal{Name: "alice", Zone: "zone-a", Role: store.RoleAdmin}, now.Add(time.Hour))
	// Splice the admin claims onto the staff signature.
	forged := admin[:strings.LastIndexByte(admin, '.')] + good[strings.LastIndexByte(good, '.'):]
	tests := []struct {
		name  string
		token string
		at    time.Time
		want  error
	}{
		{"valid", good, now, nil},
		{"expired", good, now.Add(time.Hour), ErrExpired},
		{"other secret", Sign([]byte("another key"), p, now.Add(time.Hour)), now, ErrBadToken},
		{"spliced claims", forged, now, ErrBadToken},
		{"garbage", "hello", now, ErrBadToken},
		{"empty", "", now, ErrBadToken},
		{"no prefix", strings.TrimPrefix(good, "v1."), now, ErrBadToken},
		{"bad sig encoding", good[:strings.LastIndexByte(good, '.')] + ".***", now, ErrBadToken},
		{"unsigned claims", "v1." + base64.RawURLEncoding.EncodeToString([]byte(`{"n":"x","r":"admin","exp":9999999999}`)) + ".", now, ErrBadToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Verify(secret, tt.token, tt.at)
			if !errors.Is(err, tt.want) && !(err == nil && tt.want == nil) {
				t.Fatalf("Verify error = %v, want %v", err, tt.want)
			}
			if tt.want == nil && got != p {
				t.Fatalf("Verify = %+v, want %+v", got, p)
			}
		})
	}
}

func FuzzVerify(f *testing.F) {
	secret := []byte("k")
	f.Add(Sign(secret, store.Principal{Name: "a", Role: store.RoleStaff}, time.Unix(2e9, 0)))
	f.Add("v1.e30.")
	f.Fuzz(func(t *testing.T, token string) {
		p, err := Verify(secret, token, time.Unix(1e9, 0))
		if err == nil && (p.Name == "" || !p.Role.Valid()) {
			t.Fatalf("accepted token with empty claims: %q", token)
		}
	})
}

func FuzzCheckPassword(f *testing.F) {
	h, _ := HashPassword("pw", cheap)
	f.Add(h, "pw")
	f.Add("$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$a2V5", "x")
	f.Fuzz(func(t *testing.T, hash, pw string) {
		// Stored hashes are trusted; skip costs that would only make the
		// fuzzer slow (up to 1 GiB is accepted on purpose).
		if parts := strings.Split(hash, "$"); len(parts) > 3 {
			var m, tm, p int
			fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &tm, &p)
			if m > 8192 || tm > 2 {
				return
			}
		}
		_, _ = CheckPassword(hash, pw) // must not panic or hang
	})
}

func TestServiceLogin(t *testing.T) {
	ctx := context.Background()
	st, err := boltstore.Open(ctx, filepath.Join(t.TempDir(), "s.db"), store.Hooks{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h, _ := HashPassword("secret-pw", cheap)
	if err := st.PutUser(ctx, store.User{Name: "alice", Zone: "zone-a", Role: store.RoleStaff, Hash: h}); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	svc := &Service{Store: st, MaxAttempts: 3, Now: func() time.Time { return now }}
	tok, exp, u, err := svc.Login(ctx, "alice", "secret-pw", "10.0.0.1")
	if err != nil || u.Zone != "zone-a" || !exp.Equal(now.Add(12*time.Hour)) {
		t.Fatalf("Login = %v %v %v", exp, u, err)
	}
	// A second service (another process) on the same store verifies it.
	other := &Service{Store: st, Now: func() time.Time { return now }}
	if p, err := other.Authenticate(ctx, tok); err != nil || p.Zone != "zone-a" {
		t.Fatalf("Authenticate = %+v, %v", p, err)
	}
	steps := []struct {
		user, pw string
		want     error
	}{
		{"alice", "wrong", ErrBadLogin},
		{"nobody", "secret-pw", ErrBadLogin},
		{"alice", "wrong", ErrBadLogin},
		{"alice", "wrong", ErrBadLogin},
		{"alice", "secret-pw", ErrRateLimited}, // 4th attempt in the window
	}
	for i, s := range steps {
		if _, _, _, err := svc.Login(ctx, s.user, s.pw, "10.0.0.1"); !errors.Is(err, s.want) {
			t.Fatalf("step %d: Login error = %v, want %v", i, err, s.want)
		}
	}
	now = now.Add(15 * time.Minute)
	if _, _, _, err := svc.Login(ctx, "alice", "secret-pw", "10.0.0.1"); err != nil {
		t.Fatalf("next window: %v", err)
	}
	now = now.Add(13 * time.Hour)
	if _, err := other.Authenticate(ctx, tok); !errors.Is(err, ErrExpired) {
		t.Fatalf("old token: %v, want ErrExpired", err)
	}
}
