package importer_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/importer"
)

// The two former floor-area indicators still import: an area in m² becomes
// a percentage of the community's standard (400 m² for a community of no
// recorded households: 300 m² is 75%), and m² per 100 households without
// households to multiply by is refused, saying why.
func TestFormerFloorAreaIDsImport(t *testing.T) {
	cat, idx := fixture(t)
	cs, err := importer.ReadObservations("old.csv", []byte("indicator,region,period,value\nservice_centre_area,320612001001,2014,300\n"), cat, idx)
	if err != nil {
		t.Fatal(err)
	}
	if o := cs.Observations[0]; o.Indicator != "service_centre_floor_area" || o.Value != 75 {
		t.Errorf("imported %+v, want service_centre_floor_area 75", o)
	}
	_, err = importer.ReadObservations("old.csv", []byte("indicator,region,period,value\nservice_centre_area_per_100hh,320612001201,2014,25\n"), cat, idx)
	var ie *importer.Error
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "records no households") {
		t.Errorf("err = %v, want the missing households named", err)
	}
}
