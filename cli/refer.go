package cli

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

const referUsage = "refer --enterprise ID --to ZONE --reason TEXT [--from ZONE] [--deadline YYYY-MM-DD] [--project-id P] [--screening ID] [--json]\n" +
	"       shanhai refer accept|land REFERRAL-ID [--note TEXT]\n" +
	"       shanhai refer return REFERRAL-ID --note REASON"

// defaultResponseDays is how long the receiving zone has to answer when
// the sender sets no deadline.
const defaultResponseDays = 14

// runRefer creates a referral (项目共引) or records the receiving zone's
// answer to one.
func runRefer(s *session, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "accept":
			return answerReferral(s, args[1:], record.ReferralAccepted)
		case "return":
			return answerReferral(s, args[1:], record.ReferralReturned)
		case "land":
			return answerReferral(s, args[1:], record.ReferralLanded)
		}
	}
	ref := &record.Referral{Status: record.ReferralPending}
	fs := newFlagSet("refer")
	fs.StringVar(&ref.EnterpriseID, "enterprise", "", "企业 ID / enterprise ID")
	fs.StringVar(&ref.ToZone, "to", "", "接收开发区 / receiving zone id")
	fs.StringVar(&ref.FromZone, "from", "", "转出开发区（默认企业所属开发区）/ sending zone, default the enterprise's")
	fs.StringVar(&ref.Reason, "reason", "", "转介理由 / reason")
	fs.StringVar(&ref.Deadline, "deadline", "", fmt.Sprintf("答复期限（默认 %d 天后）/ answer by, default in %d days", defaultResponseDays, defaultResponseDays))
	fs.StringVar(&ref.ProjectID, "project-id", "", "项目 ID / project ID")
	fs.StringVar(&ref.ScreeningID, "screening", "", "依据的筛查记录 ID / screening record ID")
	asJSON := fs.Bool("json", false, "输出 JSON / print JSON")
	pos, err := s.parse(fs, args, referUsage)
	if err != nil {
		return err
	}
	if err := noArgs(pos, referUsage); err != nil {
		return err
	}
	if ref.EnterpriseID == "" || ref.ToZone == "" {
		return usageErrorf("需要 --enterprise 和 --to / --enterprise and --to are required")
	}
	pack, err := loadPack(s, "")
	if err != nil {
		return err
	}
	if _, ok := pack.Zone(ref.ToZone); !ok {
		return &bilingualError{zh: fmt.Sprintf("接收开发区 %q 不在规则包 %s 中", ref.ToZone, pack.Version),
			en: fmt.Sprintf("zone %q is not in rule pack %s", ref.ToZone, pack.Version)}
	}
	today := time.Now()
	ref.SentOn = today.Format(record.DateLayout)
	if ref.Deadline == "" {
		ref.Deadline = today.AddDate(0, 0, defaultResponseDays).Format(record.DateLayout)
	}
	return s.withStore(func(st *storage.Store) error {
		if ref.FromZone == "" {
			rec, err := st.Get(s.ctx, ref.EnterpriseID)
			if err != nil {
				return fmt.Errorf("refer: enterprise %s: %w", ref.EnterpriseID, err)
			}
			if e, ok := rec.(*record.Enterprise); ok {
				ref.FromZone = e.ZoneID
			}
		}
		if err := st.Refer(s.ctx, ref); err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(s.stdout, ref)
		}
		_, err := fmt.Fprintln(s.stdout, ref.ID)
		return err
	})
}

// answerReferral records acceptance, landing or return of a referral.
func answerReferral(s *session, args []string, status record.ReferralStatus) error {
	fs := newFlagSet("refer " + string(status))
	note := fs.String("note", "", "答复说明（退回时必填）/ answer, required when returning")
	pos, err := s.parse(fs, args, referUsage)
	if err != nil {
		return err
	}
	id, err := oneArg(pos, "转介 ID", "referral ID", referUsage)
	if err != nil {
		return err
	}
	today := time.Now().Format(record.DateLayout)
	fields := map[string]any{"status": status}
	if status == record.ReferralLanded {
		fields["landed_on"] = today
	} else {
		fields["responded_on"] = today
	}
	if *note != "" {
		fields["response"] = *note
	}
	patch := map[string]json.RawMessage{}
	for k, v := range fields {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		patch[k] = b
	}
	return s.withStore(func(st *storage.Store) error {
		rec, err := st.Get(s.ctx, id)
		if err != nil {
			return fmt.Errorf("refer %s: %w", id, err)
		}
		if rec.Kind() != record.KindReferral {
			return &bilingualError{zh: fmt.Sprintf("%s 是%s，不是转介", id, kindZh(rec.Kind())),
				en: fmt.Sprintf("refer %s: a %s, not a referral", id, rec.Kind())}
		}
		if ref, ok := rec.(*record.Referral); ok {
			if err := checkRole(s.ctx, st, permAnswer(ref.ToZone)); err != nil {
				return err
			}
		}
		if _, err := st.Patch(s.ctx, record.KindReferral, id, patch); err != nil {
			return err
		}
		_, err = fmt.Fprintf(s.stdout, "%s %s\n", id, status.Chinese())
		return err
	})
}
