package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/shanhaifield/shanhai/server/store"
)

// Login errors.
var (
	// ErrBadLogin: unknown user or wrong password (not told apart, so a
	// caller cannot probe for user names).
	ErrBadLogin = errors.New("wrong user name or password")
	// ErrRateLimited: too many attempts in the current window.
	ErrRateLimited = errors.New("too many login attempts")
)

// Service signs users in against a store.
type Service struct {
	Store store.Store
	// TTL is how long a token lives; 0 means 12 hours (a working day).
	TTL time.Duration
	// Window and MaxAttempts bound logins per user name and per client
	// address; 0 means 10 per name and 50 per address per 15 minutes.
	Window      time.Duration
	MaxAttempts int
	// Now replaces time.Now in tests.
	Now func() time.Time

	mu     sync.Mutex
	secret []byte // the store's key never changes once created
	dummy  string // a hash to check against for unknown users
}

// Login checks a password and returns a token, its expiry and the user.
func (s *Service) Login(ctx context.Context, name, password, remote string) (string, time.Time, store.User, error) {
	now := s.now()
	win, limit := s.Window, s.MaxAttempts
	if win == 0 {
		win = 15 * time.Minute
	}
	if limit == 0 {
		limit = 10
	}
	for _, k := range []struct {
		key   string
		limit int
	}{{"user:" + name, limit}, {"addr:" + remote, 5 * limit}} {
		n, err := s.Store.Attempt(ctx, k.key, now, win)
		if err != nil {
			return "", time.Time{}, store.User{}, err
		}
		if n > k.limit {
			return "", time.Time{}, store.User{}, ErrRateLimited
		}
	}
	u, err := s.Store.User(ctx, name)
	hash := u.Hash
	if errors.Is(err, store.ErrNotFound) {
		hash = s.dummyHash()
	} else if err != nil {
		return "", time.Time{}, store.User{}, err
	}
	ok, herr := CheckPassword(hash, password)
	if err != nil || herr != nil || !ok {
		return "", time.Time{}, store.User{}, ErrBadLogin
	}
	if err := s.Store.ResetAttempts(ctx, "user:"+name); err != nil {
		return "", time.Time{}, store.User{}, err
	}
	secret, err := s.key(ctx)
	if err != nil {
		return "", time.Time{}, store.User{}, err
	}
	ttl := s.TTL
	if ttl == 0 {
		ttl = 12 * time.Hour
	}
	exp := now.Add(ttl)
	return Sign(secret, store.Principal{Name: u.Name, Zone: u.Zone, Role: u.Role}, exp), exp, u, nil
}

// Authenticate verifies a bearer token.
func (s *Service) Authenticate(ctx context.Context, token string) (store.Principal, error) {
	secret, err := s.key(ctx)
	if err != nil {
		return store.Principal{}, err
	}
	return Verify(secret, token, s.now())
}

func (s *Service) key(ctx context.Context) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.secret != nil {
		return s.secret, nil
	}
	secret, err := s.Store.Secret(ctx)
	if err != nil {
		return nil, fmt.Errorf("load token key: %w", err)
	}
	s.secret = secret
	return secret, nil
}

// dummyHash makes an unknown user cost as much as a known one.
func (s *Service) dummyHash() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dummy == "" {
		s.dummy, _ = HashPassword("unused", DefaultParams)
	}
	return s.dummy
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}
