package standards

import "github.com/community-atlas/atlas/analytics"

// FloorArea is the floor-area standard for a region.
type FloorArea struct {
	// Centre is the region's own service centre against its standard; nil
	// for the city.
	Centre *Centre
	// The centres the region must have, its own included, by level.
	Communities, Townships, Counties Tier
	// Target is the compliance rate the region must reach (Rules).
	Target float64
}

// Centre is a region's service centre against its standard.
type Centre struct {
	RequiredM2  float64
	Facility    string  // the id of the region's largest service centre; empty if it has none
	FloorAreaM2 float64 // its floor area; 0 if none or not recorded
	Meets       bool
}

// Total counts the centres of every level together.
func (f *FloorArea) Total() Tier {
	var t Tier
	t.add(f.Communities)
	t.add(f.Townships)
	t.add(f.Counties)
	return t
}

// Meets reports whether the compliance rate reaches Target.
func (f *FloorArea) Meets() bool {
	t := f.Total()
	return t.Units > 0 && t.Rate() >= f.Target
}

func (f *FloorArea) addCounts(o FloorArea) {
	f.Communities.add(o.Communities)
	f.Townships.add(o.Townships)
	f.Counties.add(o.Counties)
}

// Police is the one-post-per-community standard for a region.
type Police struct {
	Post        string // a community's police post (its id); empty if none, or above a community
	Communities Tier   // communities with a police post
}

// Meets reports whether every community of the region has a police post.
func (p *Police) Meets() bool { return p.Communities.All() }

// Health is the health-facility standard for a region.
type Health struct {
	// For a community: a health centre within it, and a health station or
	// village clinic serving it (ids; empty where none).
	Centre, Station string
	Townships       Tier // townships with a health centre
	Communities     Tier // communities with a centre within or a station
}

// Meets reports whether every township in the region has a health centre
// and every community a centre within it or a station.
func (h *Health) Meets() bool {
	return h.Communities.All() && (h.Townships.Units == 0 || h.Townships.All())
}

// facilities indexes a snapshot's facilities by what the standards ask of
// them. Facilities come by id, so where a region has several candidates the
// first id wins ties.
type facilities struct {
	s              *analytics.Snapshot
	rules          Rules
	centre         map[string]*analytics.Facility // region → largest service centre
	police         map[string]string              // community → police post
	station        map[string]string              // community → health station or village clinic
	centreWithin   map[string]string              // community → a health centre inside it
	townshipCentre map[string]bool                // township → it has a health centre
}

func indexFacilities(s *analytics.Snapshot) *facilities {
	f := &facilities{s: s, centre: map[string]*analytics.Facility{}, police: map[string]string{},
		station: map[string]string{}, centreWithin: map[string]string{}, townshipCentre: map[string]bool{}}
	all := s.Facilities()
	for i := range all {
		x := &all[i]
		switch x.Type {
		case analytics.ServiceCentre:
			if c, ok := f.centre[x.Region]; !ok || x.FloorAreaM2 > c.FloorAreaM2 {
				f.centre[x.Region] = x
			}
		case analytics.PolicePost:
			first(f.police, x.Region, x.ID)
		case analytics.HealthStation, analytics.VillageClinic:
			first(f.station, x.Region, x.ID)
		case analytics.HealthCentre:
			if c, ok := s.Locate(analytics.Community, x.Point); ok {
				first(f.centreWithin, c.Code, x.ID)
			}
			if t := ancestor(s, x.Region, analytics.Township); t != "" {
				f.townshipCentre[t] = true
			}
		}
	}
	return f
}

func first(m map[string]string, k, v string) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// ancestor is the code of the region at level that holds code (code itself
// if it is at level), or "".
func ancestor(s *analytics.Snapshot, code string, level analytics.Level) string {
	for code != "" {
		r, ok := s.Region(code)
		if !ok {
			return ""
		}
		if r.Level == level {
			return code
		}
		code = r.Parent
	}
	return ""
}

func (f *facilities) floorAreaOf(r *analytics.Region) FloorArea {
	req, ok := f.rules.Required(r)
	if !ok {
		return FloorArea{}
	}
	c := &Centre{RequiredM2: req}
	if x, ok := f.centre[r.Code]; ok {
		c.Facility, c.FloorAreaM2 = x.ID, x.FloorAreaM2
	}
	c.Meets = c.FloorAreaM2 >= req
	fa := FloorArea{Centre: c}
	switch r.Level {
	case analytics.Community:
		fa.Communities = unit(c.Meets)
	case analytics.Township:
		fa.Townships = unit(c.Meets)
	case analytics.County:
		fa.Counties = unit(c.Meets)
	}
	return fa
}

func (f *facilities) policeOf(r *analytics.Region) Police {
	if r.Level != analytics.Community {
		return Police{}
	}
	post := f.police[r.Code]
	return Police{Post: post, Communities: unit(post != "")}
}

func (f *facilities) healthOf(r *analytics.Region) Health {
	switch r.Level {
	case analytics.Community:
		h := Health{Centre: f.centreWithin[r.Code], Station: f.station[r.Code]}
		h.Communities = unit(h.Centre != "" || h.Station != "")
		return h
	case analytics.Township:
		return Health{Townships: unit(f.townshipCentre[r.Code])}
	}
	return Health{}
}
