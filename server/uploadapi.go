package server

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"

	"github.com/community-atlas/atlas/server/atlas"
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
	name, data, err := unpack(u.Kind, u.File, data, api.cfg.MaxUploadBytes)
	if err != nil {
		st := &atlas.Staged{Kind: u.Kind, Source: u.File, Outside: []atlas.Outside{}}
		st.Problems = []importer.Problem{{Message: err.Error()}}
		return u, data, st, nil
	}
	st, err := api.atlas.Stage(c.Request().Context(), u.Kind, name, data, who(c).Region, opts)
	return u, data, st, err
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
// A report is kept beside its upload, by the options, the user's region,
// the data version and the language: a province's boundary file takes a
// minute to stage, and the wizard asks again on every reload and every
// option it returns to.
func (api *API) uploadReport(c echo.Context) error {
	d := api.uploadDir()
	if u, err := d.meta(c.Param("id")); err != nil || u.Owner != who(c).name() {
		return &web.NotFoundError{What: "upload", Code: c.Param("id")}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s", c.QueryParams().Encode(), who(c).Region, api.snap(c).Key(), msg.Of(c.Request()))
	path := d.reportPath(c.Param("id"), hex.EncodeToString(h.Sum(nil))[:24])
	if f, err := os.Open(path); err == nil {
		defer f.Close()
		return c.Stream(http.StatusOK, echo.MIMEApplicationJSON, f)
	}
	u, _, st, err := api.stage(c)
	if err != nil {
		return err
	}
	body, err := json.Marshal(stagedReport{Upload: u, Staged: st})
	if err != nil {
		return err
	}
	d.keep(path, body)
	return c.JSONBlob(http.StatusOK, body)
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
func (api *API) commitUpload(c echo.Context) error {
	u, data, opts, err := api.openUpload(c)
	if err != nil {
		return err
	}
	name, data, err := unpack(u.Kind, u.File, data, api.cfg.MaxUploadBytes)
	if err != nil {
		return err
	}
	res, err := api.atlas.ImportInScope(c.Request().Context(), u.Kind, name, data, atlas.Writer{User: who(c).name(), Region: who(c).Region}, opts)
	if err != nil {
		return err
	}
	api.uploadDir().remove(u.ID)
	api.audit(c, who(c).name(), "import", fmt.Sprintf("%s %s batch %d rows %d skipped %d", u.Kind, res.Source, res.Batch.ID, res.Batch.Rows, len(res.Skipped)))
	return c.JSON(http.StatusCreated, res)
}

// DELETE /api/v1/uploads/{id}: discards the upload; 204.
func (api *API) deleteUpload(c echo.Context) error {
	if err := api.uploadDir().delete(who(c).name(), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
