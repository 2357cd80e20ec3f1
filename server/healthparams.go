package server

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/healthcov"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// healthFromEnv reads ATLAS_WALK_M_PER_15MIN and ATLAS_RURAL_MODE.
func (c *Config) healthFromEnv(getenv func(string) string) error {
	if v := getenv("ATLAS_WALK_M_PER_15MIN"); v != "" {
		m, err := strconv.ParseFloat(v, 64)
		if err != nil || !(m >= 250 && m <= 3000) {
			return fmt.Errorf("config: ATLAS_WALK_M_PER_15MIN=%q is not a number of metres from 250 to 3000", v)
		}
		c.WalkMetresPer15 = m
	}
	if v := getenv("ATLAS_RURAL_MODE"); v != "" {
		if !healthcov.Mode(v).Valid() {
			return fmt.Errorf("config: ATLAS_RURAL_MODE=%q is not one of %v", v, healthcov.Modes)
		}
		c.RuralMode = v
	}
	return nil
}

// healthOptions are the options every health-circle endpoint takes, as
// query parameters (GET) or JSON fields (POST): minutes, mode, rural_mode,
// facility_types.
type healthOptions struct {
	Minutes   *float64 `json:"minutes"`
	Mode      string   `json:"mode"`
	RuralMode string   `json:"rural_mode"`
	// FacilityTypes is a list in JSON, comma-separated in a query.
	FacilityTypes []string `json:"facility_types"`
}

// fromQuery reads the options from the query string.
func (h *healthOptions) fromQuery(c echo.Context) error {
	if v := c.QueryParam("minutes"); v != "" {
		m, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return web.BadParam("minutes", "%q is not a number of minutes", v)
		}
		h.Minutes = &m
	}
	h.Mode, h.RuralMode = c.QueryParam("mode"), c.QueryParam("rural_mode")
	if v := c.QueryParam("facility_types"); v != "" {
		h.FacilityTypes = strings.Split(v, ",")
	}
	return nil
}

// queryOptions reads the health-circle options of a GET request.
func (api *API) queryOptions(c echo.Context) (healthcov.Options, error) {
	var h healthOptions
	if err := h.fromQuery(c); err != nil {
		return healthcov.Options{}, err
	}
	return api.options(h)
}

// queryOptionsIn reads the options and the parent region they apply in
// (nil for everywhere).
func (api *API) queryOptionsIn(c echo.Context, s *analytics.Snapshot) (healthcov.Options, *analytics.Region, error) {
	o, err := api.queryOptions(c)
	if err != nil {
		return o, nil, err
	}
	scope, err := regionParam(c, s, "parent")
	return o, scope, err
}

// HealthOptions are the health-circle options of the configuration: the
// walking pace and rural mode. The coverage API answers with them when no
// parameter says otherwise, and the derived health_circle_15min uses them.
func (c Config) HealthOptions() healthcov.Options {
	o := healthcov.Options{RuralMode: healthcov.Mode(c.RuralMode), Speeds: healthcov.DefaultSpeeds}
	if c.WalkMetresPer15 > 0 {
		o.Speeds.Walk = c.WalkMetresPer15 * 4 / 1000
	}
	return o
}

// options turns the parameters into analytics options, with the
// configured walking pace and rural mode as defaults.
func (api *API) options(h healthOptions) (healthcov.Options, error) {
	o := api.cfg.HealthOptions()
	o.Mode = healthcov.Mode(h.Mode)
	if h.RuralMode != "" {
		o.RuralMode = healthcov.Mode(h.RuralMode)
	}
	if h.Minutes != nil {
		if *h.Minutes == 0 || math.IsNaN(*h.Minutes) {
			return o, web.BadParam("minutes", "%g is not more than 0 and at most %d", *h.Minutes, healthcov.MaxMinutes)
		}
		o.Minutes = *h.Minutes
	}
	for _, t := range h.FacilityTypes {
		o.Types = append(o.Types, analytics.FacilityType(strings.TrimSpace(t)))
	}
	return o, nil
}

// healthError turns the analytics package's errors into the API's: a bad
// option is a bad parameter, an unknown facility is not found.
func healthError(err error) error {
	var pe *healthcov.ParamError
	var uf *healthcov.UnknownFacilityError
	switch {
	case errors.As(err, &pe):
		return web.BadParam(pe.Param, "%v", pe) // the reason, said in the request's language
	case errors.As(err, &uf):
		return &web.NotFoundError{What: "facility", Code: uf.ID}
	}
	return err
}

// healthModel returns the snapshot's model and the coverage for the
// options.
func healthCoverage(s *analytics.Snapshot, o healthcov.Options) (*healthcov.Model, *healthcov.Coverage, error) {
	m, err := healthcov.Of(s)
	if err != nil {
		return nil, nil, err
	}
	c, err := m.Coverage(o)
	if err != nil {
		return nil, nil, healthError(err)
	}
	return m, c, nil
}
