package cli

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/retention"
	"github.com/shanhaifield/shanhai/storage"
)

const retentionUsage = "retention [--json]"

// runRetention lists the contacts to review under PIPL: enterprises
// closed longer than their zone's retention period, missing legal bases,
// consent older than the period. Erase a flagged contact with
// `shanhai erase ID`.
func runRetention(s *session, args []string) error {
	fs := newFlagSet("retention")
	asJSON := fs.Bool("json", false, "输出 JSON / print JSON")
	pos, err := s.parse(fs, args, retentionUsage)
	if err != nil {
		return err
	}
	if err := noArgs(pos, retentionUsage); err != nil {
		return err
	}
	pack, _, err := activePack(s)
	if err != nil {
		return err
	}
	return s.withStore(func(st *storage.Store) error {
		in, err := retentionInput(s, st)
		if err != nil {
			return err
		}
		in.Pack = pack
		flags := retention.Review(time.Now(), in)
		if *asJSON {
			if flags == nil {
				flags = []retention.Flag{}
			}
			enc := json.NewEncoder(s.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(flags)
		}
		return writeRetention(s, flags)
	})
}

// retentionInput loads every enterprise and contact.
func retentionInput(s *session, st *storage.Store) (retention.Input, error) {
	var in retention.Input
	ents, err := st.List(s.ctx, record.KindEnterprise, storage.ListOptions{})
	if err != nil {
		return in, fmt.Errorf("list enterprises: %w", err)
	}
	for _, r := range ents {
		in.Enterprises = append(in.Enterprises, r.(*record.Enterprise))
	}
	cs, err := st.List(s.ctx, record.KindContact, storage.ListOptions{})
	if err != nil {
		return in, fmt.Errorf("list contacts: %w", err)
	}
	for _, r := range cs {
		in.Contacts = append(in.Contacts, r.(*record.Contact))
	}
	return in, nil
}

func writeRetention(s *session, flags []retention.Flag) error {
	if len(flags) == 0 {
		_, err := fmt.Fprintln(s.stdout, "没有需要复核的联系人 / no contacts to review")
		return err
	}
	var t table
	t.add("联系人 / contact", "企业 / enterprise", "原因 / reason")
	for _, f := range flags {
		t.add(f.ContactName+"\n"+f.ContactID, f.EnterpriseName+"\n"+f.EnterpriseID, f.Zh+"\n"+f.En)
	}
	if err := t.write(s.stdout); err != nil {
		return err
	}
	_, err := fmt.Fprintf(s.stdout, "共 %d 条 / %d flags. 彻底删除：shanhai erase ID / erase with: shanhai erase ID\n", len(flags), len(flags))
	return err
}
