package screening

import (
	"testing"

	"github.com/shanhaifield/shanhai/record"
)

func TestRecordRoundTrip(t *testing.T) {
	p := loadPack(t)
	c := silianFull()
	c.Enterprise.ID, c.Project.ID = "01ENTERPRISE", "01PROJECT"
	res := Screen(p, c, OwnAndPaired(p, c.Enterprise))
	rec, err := NewRecord(res)
	if err != nil {
		t.Fatal(err)
	}
	if rec.EnterpriseID != "01ENTERPRISE" || rec.ProjectID != "01PROJECT" || rec.PackVersion != p.Version || len(rec.Zones) != 2 {
		t.Errorf("record = %+v", rec)
	}
	if ps := rec.Validate(); len(ps) != 0 {
		t.Errorf("record does not validate: %+v", ps)
	}
	c2, back, err := FromRecord(rec)
	if err != nil {
		t.Fatal(err)
	}
	for i := range back {
		if d := Diff(res[i], back[i]); len(d) != 0 {
			t.Errorf("zone %s changed: %+v", back[i].ZoneID, d)
		}
		// Re-running from the stored inputs gives the same answer.
		if d := Diff(res[i], Check(p, c2, back[i].ZoneID)); len(d) != 0 {
			t.Errorf("re-run of zone %s differs: %+v", back[i].ZoneID, d)
		}
	}
	other := Check(p, Candidate{Enterprise: &record.Enterprise{IndustryCode: "3963"}}, "longyou")
	if _, err := NewRecord(append(res, other)); err == nil {
		t.Error("mixed candidates accepted")
	}
	if _, err := NewRecord(nil); err == nil {
		t.Error("empty run accepted")
	}
	if _, _, err := FromRecord(&record.Screening{Inputs: []byte("{"), Results: []byte("[]")}); err == nil {
		t.Error("corrupt record read")
	}
}

func TestConcurrentScreening(t *testing.T) {
	// One pack serves every goroutine: screening only reads it.
	p := loadPack(t)
	cands := syntheticCandidates(200)
	want := make([]Verdict, len(cands))
	for i, c := range cands {
		want[i] = Check(p, c, "songyang").Verdict
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			ok := true
			for i, c := range cands {
				ok = ok && Check(p, c, "songyang").Verdict == want[i]
				_ = Screen(p, c, AllZones(p))
			}
			done <- ok
		}()
	}
	for g := 0; g < 4; g++ {
		if !<-done {
			t.Error("concurrent screening gave a different verdict")
		}
	}
}
