package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// uploadRoutes: the import wizard's staged uploads (see uploadDir). Each
// answers only the uploads of the signed-in user.
func (api *API) uploadRoutes() []route {
	get, post := http.MethodGet, http.MethodPost
	return []route{
		{post, "/api/v1/uploads", dataManager, api.postUpload, false},
		{get, "/api/v1/uploads", dataManager, api.listUploads, false},
		{get, "/api/v1/uploads/:id/report", dataManager, api.uploadReport, false},
		{get, "/api/v1/uploads/:id/problems.xlsx", dataManager, api.uploadProblems, false},
		{post, "/api/v1/uploads/:id/commit", dataManager, api.commitUpload, false},
		{http.MethodDelete, "/api/v1/uploads/:id", dataManager, api.deleteUpload, false},
	}
}

func (api *API) uploadDir() *uploadDir {
	return &uploadDir{dir: filepath.Join(api.cfg.DataDir, "uploads"), now: api.now}
}

// POST /api/v1/uploads: multipart fields kind and file; 201 with the
// upload's record (id, expiry).
func (api *API) postUpload(c echo.Context) error {
	kind := c.FormValue("kind")
	if !slices.Contains(importer.Kinds, kind) {
		return web.BadParam("kind", "%q is not an import kind (one of %v)", kind, importer.Kinds)
	}
	form, err := c.MultipartForm()
	if err != nil {
		return web.BadParam("file", "send the file as multipart/form-data in a field named file (%v)", err)
	}
	defer form.RemoveAll()
	files := form.File["file"]
	if len(files) == 0 {
		return web.BadParam("file", "send the file as multipart/form-data in a field named file (there is none)")
	}
	f, err := files[0].Open()
	if err != nil {
		return fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	u, err := api.uploadDir().put(who(c).name(), kind, filepath.Base(files[0].Filename), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, u)
}

// GET /api/v1/uploads: the user's uploads waiting, oldest first.
func (api *API) listUploads(c echo.Context) error {
	items, err := api.uploadDir().list(who(c).name())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"items": items})
}

// stagedReport is the wizard's answer: the upload and what it would do
// with the options asked.
type stagedReport struct {
	Upload *stagedUpload `json:"upload"`
	*atlas.Staged
}

// stage reads the user's upload id with the request's options (query or
// form fields: crs, towgs84, layer, map, period).
func (api *API) stage(c echo.Context) (*stagedUpload, []byte, *atlas.Staged, error) {
	u, data, opts, err := api.openUpload(c)
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := api.stageData(c.Request().Context(), u, data, who(c).Region, opts)
	return u, data, st, err
}

// stageData is the dry run of upload u's content for a user limited to
// region.
func (api *API) stageData(ctx context.Context, u *stagedUpload, data []byte, region string, opts importer.Options) (*atlas.Staged, error) {
	name, data, err := unpack(u.Kind, u.File, data, api.cfg.MaxUploadBytes)
	if err != nil {
		st := &atlas.Staged{Kind: u.Kind, Source: u.File, Outside: []atlas.Outside{}}
		st.Problems = []importer.Problem{{Message: err.Error()}}
		return st, nil
	}
	return api.atlas.Stage(ctx, u.Kind, name, data, region, opts)
}

func (api *API) openUpload(c echo.Context) (*stagedUpload, []byte, importer.Options, error) {
	u, data, err := api.uploadDir().get(who(c).name(), c.Param("id"))
	if err != nil {
		return nil, nil, importer.Options{}, err
	}
	opts, err := importOptions(c, api.cfg.MaxUploadBytes)
	return u, data, opts, err
}

// GET /api/v1/uploads/{id}/report: the dry run of the upload, problems,
// rows outside the user's region, changes and preview included; 200 even
// when the file has problems (they are the report's).
//
// The dry run is made outside the request: a province's boundary file
// takes minutes, longer than a request may last. The request waits for it
// up to ?wait= seconds (default and at most maxReportWait) and then
// answers 202 with how long it has run; asking again waits on the same run.
// The report, once made, is kept beside the upload by the options, the
// user's region, the data version and the language, so a reload or an
// option the wizard returns to answers at once.
func (api *API) uploadReport(c echo.Context) error {
	d, id, owner, region := api.uploadDir(), c.Param("id"), who(c).name(), who(c).Region
	opts, wait, err := api.runRequest(c)
	if err != nil {
		return err
	}
	path := d.reportPath(id, reportKey(opts, region, api.snap(c).Key(), msg.Of(c.Request())))
	if f, err := os.Open(path); err == nil {
		defer f.Close()
		return c.Stream(http.StatusOK, echo.MIMEApplicationJSON, f)
	}
	run := api.stagings.start(path, func() ([]byte, error) {
		u, data, err := d.get(owner, id)
		if err != nil {
			return nil, err
		}
		st, err := api.stageData(context.Background(), u, data, region, opts)
		if err != nil {
			return nil, err
		}
		body, err := json.Marshal(stagedReport{Upload: u, Staged: st})
		if err == nil {
			d.keep(path, body)
		}
		return body, err
	})
	return run.answer(c, wait, http.StatusOK, "staging")
}

// runRequest reads what a report or a commit of the user's upload needs
// before its run starts: that the upload is theirs, the options and ?wait=.
// The content is read by the run, once, not by every request that waits on
// it (a province's file is hundreds of MB, and the wizard asks every 2 s).
func (api *API) runRequest(c echo.Context) (importer.Options, time.Duration, error) {
	if u, err := api.uploadDir().meta(c.Param("id")); err != nil || u.Owner != who(c).name() {
		return importer.Options{}, 0, &web.NotFoundError{What: "upload", Code: c.Param("id")}
	}
	opts, err := importOptions(c, api.cfg.MaxUploadBytes)
	if err != nil {
		return importer.Options{}, 0, err
	}
	wait, err := reportWait(c)
	return opts, wait, err
}

// maxReportWait is how long a report request waits for its dry run before
// answering 202: well inside the request timeout.
const maxReportWait = 20 * time.Second

// reportWait reads ?wait= (seconds, 0 to maxReportWait).
func reportWait(c echo.Context) (time.Duration, error) {
	v := c.QueryParam("wait")
	if v == "" {
		return maxReportWait, nil
	}
	s, err := strconv.Atoi(v)
	if err != nil || s < 0 || time.Duration(s)*time.Second > maxReportWait {
		return 0, web.BadParam("wait", "%q is not a number of seconds from 0 to %d", v, int(maxReportWait/time.Second))
	}
	return time.Duration(s) * time.Second, nil
}

// reportKey names a report by what it depends on.
func reportKey(opts importer.Options, region, version string, l msg.Lang) string {
	h := sha256.New()
	fmt.Fprintf(h, "%+v\x00%s\x00%s\x00%s", opts, region, version, l)
	return hex.EncodeToString(h.Sum(nil))[:24]
}

// GET /api/v1/uploads/{id}/problems.xlsx: the problems as a workbook, with
// a tabular file's rows copied and the offending ones marked.
func (api *API) uploadProblems(c echo.Context) error {
	u, data, st, err := api.stage(c)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	attachment(c, problemsFileName(u.File))
	c.Response().WriteHeader(http.StatusOK)
	return writeProblemsXLSX(c.Response(), u.File, data, st)
}

// POST /api/v1/uploads/{id}/commit: writes the upload with the options
// given (form fields) as one batch and deletes it; 201 with the batch. A
// region-limited user's rows outside the region are left out (they are
// the answer's skipped); a file with problems is 422 and stays staged.
//
// The import runs outside the request, as the report does: a province's
// boundaries take minutes to write. The request waits up to ?wait= seconds
// (default and at most maxReportWait) and then answers 202 with how long it
// has run; the same POST again waits on the same run. Once written, the
// batch is kept as the upload's answer (uploadTTL): every later POST of the
// upload answers it, 201, rather than writing twice.
func (api *API) commitUpload(c echo.Context) error {
	d, id, w := api.uploadDir(), c.Param("id"), who(c)
	if body, ok := d.committed(w.name(), id); ok {
		return c.JSONBlob(http.StatusCreated, body)
	}
	opts, wait, err := api.runRequest(c)
	if err != nil {
		return err
	}
	writer := atlas.Writer{User: w.name(), Region: w.Region}
	entry := &auth.AuditEntry{Username: w.name(), Region: w.Region, Action: "import", Remote: c.RealIP()}
	run := api.stagings.start(d.path(id, committedExt), func() ([]byte, error) {
		u, data, err := d.get(w.name(), id)
		if err != nil {
			return nil, err
		}
		return api.commitRun(d, u, data, writer, opts, entry)
	})
	return run.answer(c, wait, http.StatusCreated, "committing")
}

// commitRun writes upload u as a batch of writer's, keeps the answer in
// place of the upload, and records it in the audit log. It runs on after
// the request that started it has ended.
func (api *API) commitRun(d *uploadDir, u *stagedUpload, data []byte, writer atlas.Writer, opts importer.Options, entry *auth.AuditEntry) ([]byte, error) {
	name, data, err := unpack(u.Kind, u.File, data, api.cfg.MaxUploadBytes)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	res, err := api.atlas.ImportInScope(ctx, u.Kind, name, data, writer, opts)
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(res)
	if err != nil {
		return nil, err
	}
	d.commit(u, body)
	entry.At, entry.Detail = api.now(), fmt.Sprintf("%s %s batch %d rows %d skipped %d", u.Kind, res.Source, res.Batch.ID, res.Batch.Rows, len(res.Skipped))
	if err := api.atlas.AppendAudit(ctx, entry); err != nil {
		api.log.Error("audit log write failed", "action", entry.Action, "user", entry.Username, "err", err)
	}
	return body, nil
}

// DELETE /api/v1/uploads/{id}: discards the upload; 204.
func (api *API) deleteUpload(c echo.Context) error {
	if err := api.uploadDir().delete(who(c).name(), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
