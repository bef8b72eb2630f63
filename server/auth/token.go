package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/shanhaifield/shanhai/server/store"
)

// Token errors; the HTTP layer answers both with 401.
var (
	ErrBadToken = errors.New("token is malformed or its signature does not match")
	ErrExpired  = errors.New("token has expired")
)

// claims is the signed body of a token.
type claims struct {
	Name string     `json:"n"`
	Zone string     `json:"z"`
	Role store.Role `json:"r"`
	Exp  int64      `json:"exp"` // Unix seconds
}

// tokenPrefix versions the token format; it is part of what is signed.
const tokenPrefix = "v1."

// Sign returns a token for p that expires at exp, signed with secret.
func Sign(secret []byte, p store.Principal, exp time.Time) string {
	body, _ := json.Marshal(claims{Name: p.Name, Zone: p.Zone, Role: p.Role, Exp: exp.Unix()})
	payload := tokenPrefix + base64.RawURLEncoding.EncodeToString(body)
	return payload + "." + base64.RawURLEncoding.EncodeToString(mac(secret, payload))
}

// Verify checks a token's signature and expiry and returns its principal.
func Verify(secret []byte, token string, now time.Time) (store.Principal, error) {
	i := strings.LastIndexByte(token, '.')
	if i < 0 || !strings.HasPrefix(token, tokenPrefix) {
		return store.Principal{}, ErrBadToken
	}
	payload, sig := token[:i], token[i+1:]
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, mac(secret, payload)) {
		return store.Principal{}, ErrBadToken
	}
	body, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(payload, tokenPrefix))
	if err != nil {
		return store.Principal{}, ErrBadToken
	}
	var c claims
	if err := json.Unmarshal(body, &c); err != nil || c.Name == "" || !c.Role.Valid() {
		return store.Principal{}, ErrBadToken
	}
	if now.Unix() >= c.Exp {
		return store.Principal{}, ErrExpired
	}
	return store.Principal{Name: c.Name, Zone: c.Zone, Role: c.Role}, nil
}

func mac(secret []byte, payload string) []byte {
	h := hmac.New(sha256.New, secret)
	h.Write([]byte(payload))
	return h.Sum(nil)
}
