package client

import (
	"context"

	"fmt"
	"github.com/shanhaifield/shanhai/record"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fault is what the proxy does to one connection.
type fault int

const (
	faultNone           fault = iota
	faultCutRequest           // forward part of the request, then cut: the server never sees a whole request
	faultCutBeforeReply       // forward the request, cut when the answer starts: the server has committed
	faultCutMidReply          // forward half of the first answer chunk, then cut
	faultDelay                // hold the request and the answer a while
	faultCount
)

var faultNames = [...]string{"none", "cut-request", "cut-before-reply", "cut-mid-reply", "delay"}

// faultProxy is a TCP proxy on 127.0.0.1 in front of the server that
// breaks connections at every stage of an HTTP exchange.
type faultProxy struct {
	ln     net.Listener
	target string

	mu   sync.Mutex
	rng  *rand.Rand
	rate int // percent of connections that get a fault; 0 turns faults off
	hits [faultCount]int
	wg   sync.WaitGroup
}

func startProxy(t *testing.T, target string, seed uint64) *faultProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &faultProxy{ln: ln, target: target, rng: rand.New(rand.NewPCG(seed, 1)), rate: 40}
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.wg.Wait() })
	return p
}

func (p *faultProxy) url() string { return "http://" + p.ln.Addr().String() }

func (p *faultProxy) pick() fault {
	p.mu.Lock()
	defer p.mu.Unlock()
	f := faultNone
	if p.rate > 0 && p.rng.IntN(100) < p.rate {
		f = fault(1 + p.rng.IntN(int(faultCount)-1))
	}
	p.hits[f]++
	return f
}

func (p *faultProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.handle(c, p.pick())
		}()
	}
}

func (p *faultProxy) handle(c net.Conn, f fault) {
	defer c.Close()
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		return // the server is restarting: the client sees a cut connection
	}
	defer s.Close()
	if f == faultCutRequest {
		buf := make([]byte, 40)
		n, _ := c.Read(buf)
		_, _ = s.Write(buf[:n/2])
		return
	}
	if f == faultDelay {
		time.Sleep(30 * time.Millisecond)
	}
	go func() {
		_, _ = io.Copy(s, c)
		_ = s.(*net.TCPConn).CloseWrite()
	}()
	buf := make([]byte, 32<<10)
	n, err := s.Read(buf)
	switch {
	case err != nil:
		return
	case f == faultCutBeforeReply:
		return
	case f == faultCutMidReply:
		_, _ = c.Write(buf[:n/2])
		return
	case f == faultDelay:
		time.Sleep(30 * time.Millisecond)
	}
	if _, err := c.Write(buf[:n]); err != nil {
		return
	}
	_, _ = io.Copy(c, s)
}

// flaky wraps the server: it answers some requests with 500 before the
// handler runs (nothing committed) and some after (committed, answer
// lost), so the client retries both kinds.
type flaky struct {
	mu     sync.Mutex
	rng    *rand.Rand
	rate   int
	early  int
	late   int
	pushes int
}

// lateTurn picks every seventh push that reaches the server (while
// faults are on) to be committed and then answered with a 500.
func (f *flaky) lateTurn(r *http.Request) bool {
	if !strings.HasSuffix(r.URL.Path, "/push") {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.rate == 0 {
		return false
	}
	f.pushes++
	if f.pushes%7 != 3 {
		return false
	}
	f.late++
	return true
}

func (f *flaky) roll() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.rate == 0 {
		return 100
	}
	return f.rng.IntN(100)
}

func (f *flaky) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		roll := f.roll()
		fail := func() {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			_, _ = io.WriteString(w, `{"code":"server_error","zh":"服务器内部错误","en":"injected failure"}`)
		}
		switch {
		case roll < f.rate/2:
			f.mu.Lock()
			f.early++
			f.mu.Unlock()
			fail()
		case f.lateTurn(r):
			h.ServeHTTP(httptest.NewRecorder(), r)
			fail()
		default:
			h.ServeHTTP(w, r)
		}
	})
}

// TestFaultsConverge runs the random scenario through a proxy that cuts
// connections at every stage, delays, a server that answers 500 before
// and after committing, and restarts of the server in the middle of
// syncs. Every round must still converge with nothing lost or doubled.
func TestFaultsConverge(t *testing.T) {
	for _, seed := range []uint64{11, 12} {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			fl := &flaky{rng: rand.New(rand.NewPCG(seed, 2)), rate: 20}
			srv := startServer(t, fl.wrap)
			px := startProxy(t, srv.addr, seed)
			hc := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
			rng := rand.New(rand.NewPCG(seed, 3)) // apart from the scenario's, so its edits do not depend on fault timing
			var restarts sync.WaitGroup
			nRestarts := 0
			ch := &chaos{hc: hc, server: px.url(),
				beforeSync: func() {
					restarts.Wait() // one restart at a time
					if rng.IntN(100) < 8 {
						nRestarts++
						delay := time.Duration(rng.IntN(4000)) * time.Microsecond
						restarts.Add(1)
						go func() {
							defer restarts.Done()
							time.Sleep(delay) // lands somewhere inside the next sync
							if err := srv.restart(); err != nil {
								t.Errorf("restart: %v", err)
							}
						}()
					}
				},
				settle: restarts.Wait,
			}
			runScenario(t, seed, 10, srv, ch)
			px.mu.Lock()
			hits := px.hits
			px.mu.Unlock()
			t.Logf("seed %d: proxy faults %v (%v), 500s before/after commit %d/%d, restarts %d",
				seed, hits, faultNames, fl.early, fl.late, nRestarts)
			for f := faultCutRequest; f < faultCount; f++ {
				if hits[f] == 0 {
					t.Errorf("fault %s never happened", faultNames[f])
				}
			}
			if fl.late == 0 || nRestarts == 0 {
				t.Errorf("no 500 after commit (%d) or no restart (%d)", fl.late, nRestarts)
			}
		})
	}
}

// loseOnce answers the first push with 500 after the handler committed
// it: the answer is lost, exactly as when a connection drops after the
// commit.
type loseOnce struct {
	mu   sync.Mutex
	done bool
}

func (l *loseOnce) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		first := !l.done && strings.HasSuffix(r.URL.Path, "/push")
		l.done = l.done || first
		l.mu.Unlock()
		if !first {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code != http.StatusOK {
			panic(fmt.Sprintf("the lost push was not committed: %d %s", rec.Code, rec.Body))
		}
		w.WriteHeader(http.StatusInternalServerError)
	})
}

func TestLostAnswerAfterCommitIsRetriedWithoutDuplicate(t *testing.T) {
	ctx := context.Background()
	lose := &loseOnce{}
	srv := startServer(t, lose.wrap)
	a := newLaptop(t, "a", srv.url(), "alice", nil)
	b := newLaptop(t, "b", srv.url(), "carol", nil)
	for i := range 3 {
		if err := a.store.Create(ctx, &record.Enterprise{Name: fmt.Sprintf("企业 %d", i), Stage: record.StageLead}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.sync.Sync(ctx); err == nil || !Retryable(err) {
		t.Fatalf("first sync: %v, want a retryable server error", err)
	}
	if n, _ := a.store.Pending(ctx); n != 3 {
		t.Fatalf("after the lost answer the outbox holds %d, want all 3 kept", n)
	}
	rep := mustSync(t, a)
	if rep.Pushed != 3 || rep.Rejected != 0 {
		t.Fatalf("retry: %+v", rep)
	}
	mustSync(t, b)
	ss := serverState(t, srv)
	if len(ss.records) != 3 {
		t.Fatalf("server holds %d records, want 3", len(ss.records))
	}
	for _, l := range []*laptop{a, b} {
		if n, _ := l.store.Count(ctx, record.KindEnterprise); n != 3 {
			t.Fatalf("%s holds %d enterprises, want 3", l.name, n)
		}
		if d := diffStates(localState(t, l.store), ss); d != "" {
			t.Fatalf("%s: %s", l.name, d)
		}
	}
}
