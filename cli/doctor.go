package cli

import (
	"fmt"

	"github.com/shanhaifield/shanhai/storage"
)

const doctorUsage = "doctor [--json]"

// runDoctor checks the store's indexes against its records and fails
// (exit 1) when anything is inconsistent.
func runDoctor(s *session, args []string) error {
	fs := newFlagSet("doctor")
	asJSON := fs.Bool("json", false, "输出 JSON / print JSON")
	pos, err := s.parse(fs, args, doctorUsage)
	if err != nil {
		return err
	}
	if err := noArgs(pos, doctorUsage); err != nil {
		return err
	}
	return s.withStore(func(st *storage.Store) error {
		issues, err := st.Doctor(s.ctx)
		if err != nil {
			return fmt.Errorf("doctor: %w", err)
		}
		if *asJSON {
			if issues == nil {
				issues = []storage.Inconsistency{}
			}
			if err := writeJSON(s.stdout, issues); err != nil {
				return err
			}
		} else if len(issues) == 0 {
			if _, err := fmt.Fprintln(s.stdout, "数据一致 / no inconsistencies"); err != nil {
				return err
			}
		} else {
			var t table
			t.add("存储桶", "键", "问题")
			for _, in := range issues {
				t.add(in.Bucket, in.Key, in.Issue)
			}
			if err := t.write(s.stdout); err != nil {
				return err
			}
			fmt.Fprintf(s.stderr, "发现 %d 处不一致 / %d inconsistencies found\n", len(issues), len(issues))
		}
		if !*asJSON {
			dups, err := st.CreditDuplicates(s.ctx)
			if err != nil {
				return fmt.Errorf("doctor: %w", err)
			}
			for _, d := range dups { // not an inconsistency: staff merge them
				fmt.Fprintln(s.stdout, "可能重复的企业，请合并 / possible duplicate, merge them: "+duplicateLine(d))
			}
		}
		if len(issues) > 0 {
			return errReported
		}
		return nil
	})
}
