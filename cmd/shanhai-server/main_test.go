package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/shanhaifield/shanhai/sync/protocol"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "shanhai-server-test")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "shanhai-server")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestUserAddRejects(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		stdin string
		want  string
	}{
		{"no name", []string{"--zone", "z", "--password-stdin"}, "longenough\n", "--name"},
		{"no zone", []string{"--name", "u", "--password-stdin"}, "longenough\n", "--zone"},
		{"bad role", []string{"--name", "u", "--zone", "z", "--role", "boss", "--password-stdin"}, "longenough\n", "role"},
		{"no stdin flag", []string{"--name", "u", "--zone", "z"}, "", "--password-stdin"},
		{"short password", []string{"--name", "u", "--zone", "z", "--password-stdin"}, "short\n", "8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			args := append([]string{"user", "add", "--data", t.TempDir()}, tt.args...)
			if code := run(context.Background(), args, strings.NewReader(tt.stdin), &out, &errb); code != 1 || !strings.Contains(errb.String(), tt.want) {
				t.Fatalf("exit %d, stderr %q; want 1 mentioning %q", code, errb.String(), tt.want)
			}
		})
	}
}

// proc is a running shanhai-server process.
type proc struct {
	cmd  *exec.Cmd
	addr string
	done chan error
}

func start(t *testing.T, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(binary, append(args, "--addr", "127.0.0.1:0")...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, done: make(chan error, 1)}
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		var line struct{ Msg, Addr string }
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
			p.addr = line.Addr
			break
		}
	}
	if p.addr == "" {
		cmd.Process.Kill()
		t.Fatalf("server did not start")
	}
	go func() { io.Copy(io.Discard, stderr); p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		<-p.done
	})
	return p
}

func addUser(t *testing.T, store []string, name, zone string) {
	t.Helper()
	cmd := exec.Command(binary, append(append([]string{"user", "add"}, store...),
		"--name", name, "--zone", zone, "--role", "staff", "--password-stdin")...)
	cmd.Stdin = strings.NewReader("pw-" + name + "-2026\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
}

func call(t *testing.T, client *http.Client, method, url, token string, body any, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	req.Header.Set(protocol.Header, "1")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		json.NewDecoder(resp.Body).Decode(out)
	}
	return resp.StatusCode
}

func login(t *testing.T, client *http.Client, base, name string) string {
	t.Helper()
	var lr protocol.LoginResponse
	if st := call(t, client, "POST", base+"/v1/login", "", protocol.LoginRequest{Name: name, Password: "pw-" + name + "-2026"}, &lr); st != 200 {
		t.Fatalf("login %s: %d", name, st)
	}
	return lr.Token
}

func change(id, name string) protocol.Change {
	stamp := fmt.Sprintf("%013d.00000.test", time.Now().UnixMilli())
	return protocol.Change{MutationID: "m-" + id, Kind: "enterprise", RecordID: id, Op: protocol.OpPut,
		Fields: map[string]json.RawMessage{"name": json.RawMessage(`"` + name + `"`)}, Versions: map[string]string{"name": stamp}}
}

// TestGracefulShutdown: a push whose body is still arriving when SIGTERM
// comes is finished and answered; then the process exits 0.
func TestGracefulShutdown(t *testing.T) {
	data := t.TempDir()
	addUser(t, []string{"--data", data}, "alice", "zone-a")
	p := start(t, "--data", data)
	base := "http://" + p.addr
	token := login(t, http.DefaultClient, base, "alice")

	body, _ := json.Marshal(protocol.PushRequest{ClientID: "c1", Changes: []protocol.Change{change("e1", "在途")}})
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", base+"/v1/push", pr)
	req.Header.Set(protocol.Header, "1")
	req.Header.Set("Authorization", "Bearer "+token)
	got := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			got <- -1
			return
		}
		resp.Body.Close()
		got <- resp.StatusCode
	}()
	pw.Write(body[:10])
	time.Sleep(200 * time.Millisecond) // let the server start reading the request
	p.cmd.Process.Signal(syscall.SIGTERM)
	time.Sleep(200 * time.Millisecond)
	pw.Write(body[10:])
	pw.Close()
	if st := <-got; st != 200 {
		t.Fatalf("in-flight push: status %d, want 200", st)
	}
	if err := <-p.done; err != nil {
		t.Fatalf("exit: %v", err)
	}
	p.done <- nil // for the cleanup
}

func TestTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := selfSigned(t, dir)
	addUser(t, []string{"--data", dir}, "alice", "zone-a")
	p := start(t, "--data", dir, "--tls-cert", certFile, "--tls-key", keyFile)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	token := login(t, client, "https://"+p.addr, "alice")
	var page protocol.PullResponse
	if st := call(t, client, "GET", "https://"+p.addr+"/v1/pull", token, nil, &page); st != 200 {
		t.Fatalf("pull over TLS: %d", st)
	}
	if resp, err := http.Get("http://" + p.addr + "/healthz"); err == nil {
		resp.Body.Close()
		if resp.StatusCode == 200 {
			t.Fatal("plain HTTP answered on a TLS port")
		}
	}
}

// TestTwoProcessesOnePostgres: two servers share one database; a token
// from one works on the other, and a push through one is pulled through
// the other.
func TestTwoProcessesOnePostgres(t *testing.T) {
	dsn := os.Getenv("SHANHAI_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but SHANHAI_TEST_POSTGRES is not set")
		}
		t.Skip("SHANHAI_TEST_POSTGRES not set; skipping the two-process PostgreSQL test")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "cmdtest_" + hex.EncodeToString(b)
	ctx := context.Background()
	exec := func(sql string) error {
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	// Registered before start's cleanups, so it runs after the servers stop.
	t.Cleanup(func() {
		if err := exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	url := dsn + sep + "search_path=" + schema
	addUser(t, []string{"--postgres", url}, "alice", "zone-a")
	p1, p2 := start(t, "--postgres", url), start(t, "--postgres", url)
	token := login(t, http.DefaultClient, "http://"+p1.addr, "alice")
	var pushed protocol.PushResponse
	call(t, http.DefaultClient, "POST", "http://"+p1.addr+"/v1/push", token,
		protocol.PushRequest{ClientID: "c1", Changes: []protocol.Change{change("e1", "经一号进程")}}, &pushed)
	var page protocol.PullResponse
	if st := call(t, http.DefaultClient, "GET", "http://"+p2.addr+"/v1/pull", token, nil, &page); st != 200 ||
		len(page.Records) != 1 || page.NextCursor != pushed.Cursor {
		t.Fatalf("pull through second process: %d %+v (push %+v)", st, page, pushed)
	}
}

func selfSigned(t *testing.T, dir string) (string, string, *x509.CertPool) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "shanhai test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}
