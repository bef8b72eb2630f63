package report

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/shanhaifield/shanhai/hlc"
	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// WeekQuery selects the week of a weekly report.
type WeekQuery struct {
	// Day is any YYYY-MM-DD date in the week (Monday to Sunday).
	Day string
	// Zone is the user's own zone: referrals from it are "sent", to it
	// "received". Empty lists every referral of the week as sent.
	Zone string
}

// Weekly writes the 一周一报: the week's new leads (enterprises created),
// visits, stage changes (enterprises whose stage was last changed that
// week, with the stage they are now in), and referrals sent and received.
func Weekly(ctx context.Context, st *storage.Store, q WeekQuery, w io.Writer, made time.Time) error {
	day, err := record.ParseDate(q.Day)
	if err != nil {
		return fmt.Errorf("weekly report: week %q: %w", q.Day, err)
	}
	mon := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	sun := mon.AddDate(0, 0, 6)
	from, to := mon.Format("2006-01-02"), sun.Format("2006-01-02")
	s, err := load(ctx, st)
	if err != nil {
		return err
	}
	leads, changed := s.weekEnterprises(from, to)
	visits := s.tripVisits(TripQuery{From: from, To: to})
	sent, received := s.weekReferrals(from, to, q.Zone)

	d := newDoc("一周一报", made)
	zone := q.Zone
	if zone == "" {
		zone = "全部开发区"
	}
	d.subtitle(fmt.Sprintf("%s（周一）至 %s（周日）· %s", from, to, zone))
	d.counts([][2]string{{"新增线索", fmt.Sprint(len(leads))}, {"走访", fmt.Sprint(len(visits))},
		{"阶段变化", fmt.Sprint(len(changed))}, {"转出", fmt.Sprint(len(sent))}, {"转入", fmt.Sprint(len(received))}})

	d.heading("一、新增线索")
	if len(leads) == 0 {
		d.para("本周没有新增企业。")
	}
	for _, e := range leads {
		d.bullet(fmt.Sprintf("%s（%s，%s）%s", e.Name, e.Stage.Chinese(), orDash(e.Source), tagText(e.Tags)))
	}

	d.heading("二、走访")
	if len(visits) == 0 {
		d.para("本周没有走访记录。")
	}
	for _, v := range visits {
		line := fmt.Sprintf("%s %s", v.Date, s.name(v.EnterpriseID))
		if v.Outcome != "" {
			line += "：" + v.Outcome
		} else if v.Summary != "" {
			line += "：" + v.Summary
		}
		d.bullet(line)
	}

	d.heading("三、阶段变化")
	if len(changed) == 0 {
		d.para("本周没有企业变更阶段。")
	}
	for _, e := range changed {
		line := fmt.Sprintf("%s → %s", e.Name, e.Stage.Chinese())
		if e.CloseReason != "" {
			line += "（" + e.CloseReason + "）"
		}
		d.bullet(line)
	}

	d.heading("四、转介")
	d.subheading("转出")
	referralLines(d, s, sent, "本周没有转出。")
	d.subheading("转入")
	if q.Zone == "" {
		d.note("未指定本开发区（--zone），无法区分转入。")
	} else {
		referralLines(d, s, received, "本周没有转入。")
	}
	return d.write(w)
}

// weekEnterprises returns enterprises created in the week, and those not
// created in it whose stage was changed in it (by its field version).
func (s *snapshot) weekEnterprises(from, to string) (leads, changed []*record.Enterprise) {
	for _, e := range s.ents {
		created := e.CreatedAt.Local().Format("2006-01-02")
		if inRange(created, from, to) {
			leads = append(leads, e)
			continue
		}
		if st, err := hlc.Parse(e.Versions["stage"]); err == nil {
			if inRange(time.UnixMilli(st.Wall).Local().Format("2006-01-02"), from, to) {
				changed = append(changed, e)
			}
		}
	}
	byName := func(a, b *record.Enterprise) int { return strings.Compare(a.Name, b.Name) }
	slices.SortFunc(leads, byName)
	slices.SortFunc(changed, byName)
	return leads, changed
}

// weekReferrals splits the week's referrals into sent and received.
func (s *snapshot) weekReferrals(from, to, zone string) (sent, received []*record.Referral) {
	for _, r := range s.referrals {
		day := r.SentOn
		if day == "" {
			day = r.CreatedAt.Local().Format("2006-01-02")
		}
		if !inRange(day, from, to) && !inRange(r.RespondedOn, from, to) {
			continue
		}
		switch {
		case zone == "" || r.FromZone == zone:
			sent = append(sent, r)
		case r.ToZone == zone:
			received = append(received, r)
		}
	}
	return sent, received
}

func referralLines(d *doc, s *snapshot, refs []*record.Referral, none string) {
	if len(refs) == 0 {
		d.para(none)
	}
	for _, r := range refs {
		line := fmt.Sprintf("%s：%s → %s，%s（%s）理由：%s", s.name(r.EnterpriseID), r.FromZone, r.ToZone,
			r.Status.Chinese(), orDash(r.SentOn), r.Reason)
		if r.Response != "" {
			line += "；答复：" + r.Response
		}
		d.bullet(line)
	}
}

func tagText(tags []string) string {
	if len(tags) == 0 {
		return ""
	}
	return "标签：" + strings.Join(tags, "、")
}
