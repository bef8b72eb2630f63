package report

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// TripQuery selects the visits of one trip.
type TripQuery struct {
	From, To string // YYYY-MM-DD, inclusive
	// Person keeps visits where this person took part (参加人员), or,
	// for a visit without participants, that they recorded; empty keeps
	// every visit.
	Person string
}

// Trip writes the 出差走访报告: for the date range and person, every
// enterprise visited with the visits' summaries and outcomes, the site
// requirements captured (the enterprises' projects), the referrals made
// during the trip, and the next steps (from the visits and open tasks).
func Trip(ctx context.Context, st *storage.Store, q TripQuery, w io.Writer, made time.Time) error {
	if _, err := record.ParseDate(q.From); err != nil {
		return fmt.Errorf("trip report: from %q: %w", q.From, err)
	}
	if _, err := record.ParseDate(q.To); err != nil {
		return fmt.Errorf("trip report: to %q: %w", q.To, err)
	}
	s, err := load(ctx, st)
	if err != nil {
		return err
	}
	visits := s.tripVisits(q)
	byEnt := map[string][]*record.Visit{}
	var order []string
	for _, v := range visits {
		if byEnt[v.EnterpriseID] == nil {
			order = append(order, v.EnterpriseID)
		}
		byEnt[v.EnterpriseID] = append(byEnt[v.EnterpriseID], v)
	}
	d := newDoc("出差走访报告", made)
	who := q.Person
	if who == "" {
		who = "全部人员"
	}
	d.subtitle(fmt.Sprintf("%s 至 %s · %s", q.From, q.To, who))
	refs := s.tripReferrals(q, byEnt)
	d.counts([][2]string{{"走访企业", fmt.Sprint(len(order))}, {"走访次数", fmt.Sprint(len(visits))},
		{"项目需求", fmt.Sprint(countProjects(s, order))}, {"转介", fmt.Sprint(len(refs))}})

	d.heading("一、走访企业与成果")
	if len(order) == 0 {
		d.para("此期间没有走访记录。")
	}
	for i, id := range order {
		d.subheading(fmt.Sprintf("%d. %s", i+1, s.name(id)))
		for _, v := range byEnt[id] {
			d.field("日期", v.Date)
			d.field("地点", v.Place)
			d.field("参加人员", strings.Join(v.Participants, "、"))
			d.field("走访纪要", v.Summary)
			d.field("走访成果", v.Outcome)
			d.gap(1)
		}
	}

	d.heading("二、项目需求")
	tripRequirements(d, s, order)

	d.heading("三、转介情况")
	if len(refs) == 0 {
		d.para("此期间没有转介。")
	}
	for _, r := range refs {
		d.bullet(fmt.Sprintf("%s：%s → %s（%s，%s）理由：%s", s.name(r.EnterpriseID), r.FromZone, r.ToZone,
			r.Status.Chinese(), orDash(r.SentOn), r.Reason))
	}

	d.heading("四、下一步工作")
	tripNextSteps(d, s, order, byEnt)
	return d.write(w)
}

// tripVisits are the visits in range of the person, by date.
func (s *snapshot) tripVisits(q TripQuery) []*record.Visit {
	var out []*record.Visit
	for _, v := range s.visits {
		if !inRange(v.Date, q.From, q.To) {
			continue
		}
		if q.Person != "" && !slices.Contains(v.Participants, q.Person) && (len(v.Participants) > 0 || v.Author != q.Person) {
			continue
		}
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(a, b *record.Visit) int { return strings.Compare(a.Date, b.Date) })
	return out
}

// tripReferrals are referrals of the visited enterprises sent in range.
func (s *snapshot) tripReferrals(q TripQuery, visited map[string][]*record.Visit) []*record.Referral {
	var out []*record.Referral
	for _, r := range s.referrals {
		sent := r.SentOn
		if sent == "" {
			sent = r.CreatedAt.Local().Format("2006-01-02")
		}
		if visited[r.EnterpriseID] != nil && inRange(sent, q.From, q.To) {
			out = append(out, r)
		}
	}
	return out
}

func countProjects(s *snapshot, ids []string) int {
	n := 0
	for _, id := range ids {
		n += len(s.projects[id])
	}
	return n
}

// tripRequirements lists the site requirements of the visited
// enterprises' projects.
func tripRequirements(d *doc, s *snapshot, ids []string) {
	any := false
	for _, id := range ids {
		for _, p := range s.projects[id] {
			any = true
			d.subheading(s.name(id) + " · " + p.Name)
			var parts []string
			for _, f := range []struct {
				label string
				v     *float64
				unit  string
			}{{"总投资", p.InvestmentWan, "万元"}, {"用地", p.LandMu, "亩"}, {"用电", p.PowerKVA, "千伏安"},
				{"用水", p.WaterTPD, "吨/日"}, {"预计年税收", p.TaxWan, "万元"}} {
				if f.v != nil {
					parts = append(parts, f.label+" "+fmtNum(*f.v)+" "+f.unit)
				}
			}
			if p.Jobs != nil {
				parts = append(parts, fmt.Sprintf("就业 %d 人", *p.Jobs))
			}
			d.para(orDash(strings.Join(parts, "；")))
			d.field("特殊需求", strings.Join(p.SpecialNeeds, "、"))
			d.field("进度安排", p.Timeline)
			d.gap(1)
		}
	}
	if !any {
		d.para("走访企业尚无登记的项目需求。")
	}
}

// tripNextSteps lists each visit's next step and the open tasks of the
// visited enterprises.
func tripNextSteps(d *doc, s *snapshot, ids []string, byEnt map[string][]*record.Visit) {
	n := 0
	for _, id := range ids {
		for _, v := range byEnt[id] {
			if v.NextStep != "" {
				d.bullet(s.name(id) + "：" + v.NextStep)
				n++
			}
		}
		for _, t := range s.tasks[id] {
			if !t.Done {
				d.bullet(fmt.Sprintf("%s：%s（截止 %s，%s）", s.name(id), t.Title, orDash(t.Due), orDash(t.Assignee)))
				n++
			}
		}
	}
	if n == 0 {
		d.para("无待办事项。")
	}
}
