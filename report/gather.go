package report

import (
	"context"
	"fmt"

	"github.com/shanhaifield/shanhai/record"
	"github.com/shanhaifield/shanhai/storage"
)

// snapshot is what the trip and weekly reports read from the store.
type snapshot struct {
	ents      map[string]*record.Enterprise
	visits    []*record.Visit
	projects  map[string][]*record.Project // by enterprise
	tasks     map[string][]*record.Task    // by enterprise
	referrals []*record.Referral
}

// load reads every enterprise, visit, project, task and referral.
func load(ctx context.Context, st *storage.Store) (*snapshot, error) {
	s := &snapshot{ents: map[string]*record.Enterprise{}, projects: map[string][]*record.Project{}, tasks: map[string][]*record.Task{}}
	for _, k := range []record.Kind{record.KindEnterprise, record.KindVisit, record.KindProject, record.KindTask, record.KindReferral} {
		recs, err := st.List(ctx, k, storage.ListOptions{})
		if err != nil {
			return nil, fmt.Errorf("report: list %s: %w", k, err)
		}
		for _, r := range recs {
			switch v := r.(type) {
			case *record.Enterprise:
				s.ents[v.ID] = v
			case *record.Visit:
				s.visits = append(s.visits, v)
			case *record.Project:
				s.projects[v.EnterpriseID] = append(s.projects[v.EnterpriseID], v)
			case *record.Task:
				s.tasks[v.EnterpriseID] = append(s.tasks[v.EnterpriseID], v)
			case *record.Referral:
				s.referrals = append(s.referrals, v)
			}
		}
	}
	return s, nil
}

// name is an enterprise's name, or its ID when it is gone.
func (s *snapshot) name(id string) string {
	if e, ok := s.ents[id]; ok {
		return e.Name
	}
	return id
}

// inRange reports whether a YYYY-MM-DD date lies in [from, to]; dates in
// that form compare as strings.
func inRange(date, from, to string) bool { return date != "" && date >= from && date <= to }
