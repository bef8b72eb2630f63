package record

// Stage is where an enterprise stands in the promotion pipeline.
type Stage string

// Pipeline stages, in order, then the two closed outcomes.
const (
	StageLead        Stage = "lead"        // 线索
	StageVisited     Stage = "visited"     // 走访
	StageNegotiating Stage = "negotiating" // 在谈
	StageSigned      Stage = "signed"      // 签约
	StageStarted     Stage = "started"     // 开工
	StageProducing   Stage = "producing"   // 投产
	StageDropped     Stage = "dropped"     // 放弃
	StageReferred    Stage = "referred"    // 转介
)

// Stages lists every stage in pipeline order.
var Stages = []Stage{StageLead, StageVisited, StageNegotiating, StageSigned,
	StageStarted, StageProducing, StageDropped, StageReferred}

var stageNames = map[Stage]string{
	StageLead: "线索", StageVisited: "走访", StageNegotiating: "在谈", StageSigned: "签约",
	StageStarted: "开工", StageProducing: "投产", StageDropped: "放弃", StageReferred: "转介",
}

// Chinese returns the stage as staff write it (线索, 走访, …).
func (s Stage) Chinese() string { return stageNames[s] }

// Closed reports whether the stage is a closed outcome that needs a reason.
func (s Stage) Closed() bool { return s == StageDropped || s == StageReferred }

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool { _, ok := stageNames[s]; return ok }

// ParseStage accepts the English code or the Chinese name.
func ParseStage(v string) (Stage, bool) {
	for s, zh := range stageNames {
		if v == string(s) || v == zh {
			return s, true
		}
	}
	return "", false
}
