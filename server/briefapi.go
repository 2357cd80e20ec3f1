package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/healthcov"
	"github.com/community-atlas/atlas/server/brief"
	"github.com/labstack/echo/v4"
)

// GET /api/v1/regions/{code}/brief.pdf?period=&indicator=
func (api *API) getBriefPDF(c echo.Context) error {
	return api.sendBrief(c, "application/pdf", "pdf", (*brief.Brief).PDF)
}

// GET /api/v1/regions/{code}/brief.html?period=&indicator=
func (api *API) getBriefHTML(c echo.Context) error {
	return api.sendBrief(c, echo.MIMETextHTMLCharsetUTF8, "", (*brief.Brief).HTML)
}

// sendBrief assembles the brief the request names and writes it; a PDF
// goes as a download named after the region and period.
func (api *API) sendBrief(c echo.Context, mime, ext string, write func(*brief.Brief, io.Writer) error) error {
	s := api.snap(c)
	reg, period, err := pathRegionPeriod(c, s)
	if err != nil {
		return err
	}
	ind, err := indicatorParam(c, s, false)
	if err != nil {
		return err
	}
	b, err := BriefOf(s, api.cfg.HealthOptions(), reg, period, ind, api.now())
	if err != nil {
		return err
	}
	if ext != "" {
		name := fileBase("brief", reg.Code, strconv.Itoa(b.Period)) + "." + ext
		return sendDownload(c, name, mime, func(w io.Writer) error { return write(b, w) })
	}
	var buf bytes.Buffer
	if err := write(b, &buf); err != nil {
		return err
	}
	return c.Blob(http.StatusOK, mime, buf.Bytes())
}

// BriefJob names the briefs of a scheduled run: every region of Level
// (inside Parent, when given) for Period (0 for the latest), mapping
// Indicator ("" for each brief's weakest).
type BriefJob struct {
	Level     string
	Parent    string
	Period    int
	Indicator string
}

// WriteBriefs writes the job's PDF briefs into one zip and returns how many
// it wrote: what atlas brief runs. A bad job is refused before anything is
// written; it stops at the first error or when ctx ends.
func WriteBriefs(ctx context.Context, w io.Writer, s *analytics.Snapshot, ho healthcov.Options, job BriefJob, now time.Time) (int, error) {
	regions, ind, err := job.resolve(s)
	if err != nil {
		return 0, err
	}
	err = brief.WriteZip(w, len(regions), func(i int) (*brief.Brief, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return BriefOf(s, ho, regions[i], job.Period, ind, now)
	})
	return len(regions), err
}

// resolve checks the job against the snapshot.
func (job *BriefJob) resolve(s *analytics.Snapshot) ([]*analytics.Region, *analytics.Indicator, error) {
	level := analytics.Level(job.Level)
	if !level.Valid() {
		return nil, nil, fmt.Errorf("brief: level %q is not one of %v", job.Level, analytics.Levels)
	}
	if _, ok := s.Region(job.Parent); job.Parent != "" && !ok {
		return nil, nil, fmt.Errorf("brief: parent %q is not a region code", job.Parent)
	}
	if job.Period == 0 {
		job.Period = s.JudgedPeriod()
	}
	if !s.HasPeriod(job.Period) {
		return nil, nil, fmt.Errorf("brief: no observations for period %d (periods: %v)", job.Period, s.Periods())
	}
	var ind *analytics.Indicator
	if job.Indicator != "" {
		var ok bool
		if ind, ok = s.Catalogue.Indicator(job.Indicator); !ok {
			return nil, nil, fmt.Errorf("brief: indicator %q is not in the catalogue", job.Indicator)
		}
	}
	regions := s.Select(level, job.Parent)
	if len(regions) == 0 {
		return nil, nil, fmt.Errorf("brief: no %s regions inside %q", level, job.Parent)
	}
	return regions, ind, nil
}
