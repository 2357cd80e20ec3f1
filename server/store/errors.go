package store

import "fmt"

// RecordError reports the record of a changeset that a store refused, for
// example a region whose level the schema does not allow or an observation
// of a region that does not exist. The whole changeset was rolled back.
type RecordError struct {
	Type string // region, observation, facility or grid
	Key  string // its code, id, or indicator/region/period
	Err  error  // the database's reason
}

func (e *RecordError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.Type, e.Key, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// ObservationKey is the key of an observation as RecordError names it.
func ObservationKey(indicator, region string, period int) string {
	return fmt.Sprintf("%q/%s/%d", indicator, region, period)
}
