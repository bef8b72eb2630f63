// Package screening checks a candidate (an enterprise and one project)
// against a zone's rules from a rule pack: industrial positioning and chain
// fit, ecological thresholds, land efficiency and site needs (筛查/研判).
//
// The checks are pure functions with no I/O. Each rule gives an outcome
// (pass, warn, fail, or missing data) with a plain-Chinese and an English
// reason that name the figure and the threshold; missing inputs never pass
// silently.
//
// Verdict policy (准入 / 需研判 / 不准入):
//   - a failed hard rule rejects: positioning (no fit) and every eco rule,
//     because a zone cannot admit a project outside its positioning or
//     over its ecological threshold;
//   - a failed soft rule asks for review: land efficiency and site needs,
//     because land can be resized and carriers found or built;
//   - any warning or missing figure asks for review;
//   - otherwise the candidate is admitted.
//
// A Result records the pack version and date and the inputs, so it can be
// re-run against a newer pack and compared with Diff.
package screening
