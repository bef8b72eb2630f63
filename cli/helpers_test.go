package cli

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/shanhaifield/shanhai/sealing"
)

// result is what one Run printed and returned.
type result struct {
	out, err string
	code     int
}

// testPassphrase unlocks the stores the tests make.
const testPassphrase = "测试口令 test passphrase"

// testRunner runs commands as a user with SHANHAI_PASSPHRASE set, and
// with a cheap argon2 cost so each open takes microseconds; env adds or
// overrides variables.
func testRunner(env map[string]string) Runner {
	return Runner{
		Getenv: func(k string) string {
			if v, ok := env[k]; ok {
				return v
			}
			if k == envPassphrase {
				return testPassphrase
			}
			return os.Getenv(k)
		},
		KeyCost: sealing.LowCostParams(),
	}
}

// run runs one command line against the store in dir, as user "tester".
func run(t *testing.T, dir, stdin string, args ...string) result {
	t.Helper()
	return runEnv(t, nil, dir, stdin, args...)
}

// runEnv is run with extra environment variables.
func runEnv(t *testing.T, env map[string]string, dir, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	full := append([]string{"--data", dir, "--author", "tester"}, args...)
	code := testRunner(env).Run(context.Background(), full, strings.NewReader(stdin), &out, &errOut)
	return result{out: out.String(), err: errOut.String(), code: code}
}

// mustRun runs a command that must succeed and returns its trimmed stdout.
func mustRun(t *testing.T, dir, stdin string, args ...string) string {
	t.Helper()
	r := run(t, dir, stdin, args...)
	if r.code != ExitOK {
		t.Fatalf("shanhai %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.out, r.err)
	}
	return strings.TrimSpace(r.out)
}

// Credit codes for the examples. Constructed, not real registrations:
// 331127 is 景宁畲族自治县 (GB/T 2260); the check characters are computed
// with record.CreditCodeCheckChar (GB 32100-2015).
const (
	exampleCreditCode     = "91331127MA2HX4L5PG" // check character G matches
	exampleBadCheckCode   = "91331127MA2HX4L5P0" // well-formed, check should be G
	exampleOtherCredit    = "91330100MA27Y8QK1U" // 330100 杭州市, check matches
	exampleEnterpriseName = "浙江四联玩具有限公司"         // from the 2024-09-26 article in shared/reference
)
