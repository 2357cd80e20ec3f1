package server

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"

	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// POST /api/v1/imports/{boundaries|observations|facilities|grids}
// with the file in the multipart field "file" (or a zip holding it). 201
// with the batch written, or 422 listing every problem, with nothing
// written.
func (api *API) postImport(c echo.Context) error {
	kind := c.Param("kind")
	if !slices.Contains(importer.Kinds, kind) {
		return &web.NotFoundError{What: "import kind", Code: kind}
	}
	name, data, err := readUpload(c)
	if err != nil {
		return err
	}
	if importer.IsZip(data) {
		if name, data, err = importer.Unzip(name, data, api.cfg.MaxUploadBytes, importer.Extensions[kind]...); err != nil {
			return err
		}
	}
	res, err := api.atlas.Import(c.Request().Context(), kind, name, data, who(c).Region)
	if err != nil {
		return err
	}
	api.audit(c, who(c).name(), "import", fmt.Sprintf("%s %s batch %d rows %d", kind, res.Source, res.Batch.ID, res.Batch.Rows))
	return c.JSON(http.StatusCreated, res)
}

// readUpload returns the name and content of the multipart field "file".
// Parsing spills a body over 32 MiB to multipart-* files in the temporary
// directory. net/http removes them only for the request it handed out, and
// the context middleware works on a copy, so they are removed here as soon
// as the content is read, on success and failure alike.
func readUpload(c echo.Context) (string, []byte, error) {
	form, err := c.MultipartForm()
	if err != nil {
		return "", nil, web.BadParam("file", "send the file as multipart/form-data in a field named file (%v)", err)
	}
	defer form.RemoveAll()
	files := form.File["file"]
	if len(files) == 0 {
		return "", nil, web.BadParam("file", "send the file as multipart/form-data in a field named file (there is none)")
	}
	f, err := files[0].Open()
	if err != nil {
		return "", nil, fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return "", nil, fmt.Errorf("read upload: %w", err)
	}
	return filepath.Base(files[0].Filename), data, nil
}
