package storage

import "github.com/shanhaifield/shanhai/record"

// Bucket names. Record buckets are named by record.Kind; the rest live
// beside them at the top level of the file.
var (
	bucketMeta       = []byte("meta")
	bucketOutbox     = []byte("outbox")
	bucketTombstones = []byte("tombstones")
	// Secondary indexes. Composite keys join their parts with sep so that
	// a value that contains '/' (a name, an address) cannot shift parts.
	bucketCredit   = []byte("idx_credit")   // credit code → enterprise ID
	bucketChildren = []byte("idx_children") // entID sep kind sep childID → ""
	bucketStage    = []byte("idx_stage")    // stage sep entID → ""
	bucketDue      = []byte("idx_due")      // due sep taskID → "" (open tasks only)
	bucketName     = []byte("idx_name")     // normal name sep entID → ""
	bucketMobile   = []byte("idx_mobile")   // mobile sep contactID → ""
)

// sep joins the parts of composite index keys; it cannot occur in IDs,
// dates, stages or normalised text.
const sep = "\x00"

// indexBuckets lists every secondary index bucket, for migrations and Doctor.
var indexBuckets = [][]byte{bucketCredit, bucketChildren, bucketStage, bucketDue, bucketName, bucketMobile}

// Meta keys.
var (
	metaVersion    = []byte("schema_version")
	metaNode       = []byte("node")
	metaClock      = []byte("hlc_last")
	metaMigrations = []byte("migrated/") // prefix: migrated/0001 → time applied
)

func kindBucket(k record.Kind) []byte { return []byte(k) }

func knownKind(k record.Kind) bool { return record.New(k) != nil }
