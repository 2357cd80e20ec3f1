package server_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

func TestImportObservations(t *testing.T) {
	s := newServer(t, fixture())
	var res struct {
		Batch     struct{ ID int64 }
		Kind      string
		Counts    map[string]int
		Published bool
	}
	csv := "indicator,region,period,value\nregistered_volunteers,320612001201,2014,6\none_stop_service,320612001001,2014,1\n"
	s.upload(t, "observations", "2014.csv", []byte(csv), 201, &res)
	// Outside a round, the values are published at once, and the answer says so.
	if res.Batch.ID != 2 || res.Kind != "observations" || res.Counts["observations"] != 2 || !res.Published {
		t.Errorf("result = %+v", res)
	}
	// The new snapshot is live: the township now has both communities for 2014.
	var l struct{ Items []observation }
	s.get(t, "/api/v1/observations?indicator=registered_volunteers&level=township&period=2014", 200, &l)
	if v := l.Items[0]; *v.Value != (11*3000+6*1000)/4000.0 || v.Units != 2 {
		t.Errorf("after import: %+v", v)
	}
}

func TestImportRejectsBadFileAndWritesNothing(t *testing.T) {
	s := newServer(t, fixture())
	ctx := context.Background()
	before, err := s.store.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The first row is fine; the third is not: nothing may be written.
	csv := "indicator,region,period,value\n" +
		"registered_volunteers,320612001201,2014,6\n" +
		"registered_volunteers,320612001001,2014,7\n" +
		"registered_volunteers,320612001001,2014,250\n"
	var p problem
	s.upload(t, "observations", "bad.csv", []byte(csv), 422, &p)
	if len(p.Errors) != 1 || p.Errors[0].Row != 4 || p.Errors[0].Field != "value" ||
		!strings.Contains(p.Errors[0].Message, "250 is outside") {
		t.Errorf("problem = %+v", p)
	}
	after, err := s.store.Load(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Error("the store changed after a rejected import")
	}
	s.upload(t, "parcels", "x.csv", []byte(csv), 404, &p)
	var noCoords problem
	s.upload(t, "facilities", "f.csv", []byte("id,type\nF1,health_station\n"), 422, &noCoords)
	if !strings.Contains(noCoords.Errors[0].Message, "no pair of columns holds coordinates") {
		t.Errorf("problem = %+v", noCoords)
	}
}

func TestImportBoundariesAndFacilities(t *testing.T) {
	s := newServer(t, fixture())
	geo := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"320623101","name":"掘港镇","level":"township","parent":"320623","population":5000},
		"geometry":{"type":"Polygon","coordinates":[[[120.2,32],[120.3,32],[120.3,32.1],[120.2,32.1],[120.2,32]]]}}]}`
	s.upload(t, "boundaries", "towns.geojson", []byte(geo), 201, nil)
	var r region
	s.get(t, "/api/v1/regions/320623101", 200, &r)
	if r.Parent != "320623" || r.Population != 5000 || r.AreaKM2 < 100 || r.AreaKM2 > 110 {
		t.Errorf("imported township = %+v", r)
	}
	csv := "id,type,name,lon,lat,floor_area_m2,region\nF9,health_centre,掘港镇卫生院,120.25,32.05,,320623101\n"
	s.upload(t, "facilities", "f.csv", []byte(csv), 201, nil)
	var fl struct{ Items []struct{ ID, Region string } }
	s.get(t, "/api/v1/facilities?region=320623", 200, &fl)
	if len(fl.Items) != 1 || fl.Items[0].ID != "F9" {
		t.Errorf("facilities = %+v", fl.Items)
	}
}
