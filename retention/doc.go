// Package retention is the retention review of contacts' personal
// information (PIPL art. 19: keep it only the shortest period necessary;
// art. 47: delete it when the period has expired; art. 13: a legal basis
// for holding it). Review is a pure function: the caller loads the
// enterprises and contacts and the rule pack, and acts on the flags
// (erase, or record a basis / renewed consent).
package retention
