package server

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// POST /api/v1/imports/{boundaries|observations|facilities|grids|osm}
// with the file in the multipart field "file" (or a zip holding it) and
// the options as form fields: crs, towgs84, layer, map (role=column,…),
// period, margin and clip (OSM), dry_run, replace. 201 with the batch written, 200 with what would be
// written for a dry run, or 422 listing every problem, with nothing
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
	opts, err := importOptions(c, api.cfg.MaxUploadBytes)
	if err != nil {
		return err
	}
	if name, data, err = unpack(kind, name, data, api.cfg.MaxUploadBytes); err != nil {
		return err
	}
	res, err := api.atlas.ImportWith(c.Request().Context(), kind, name, data, atlas.Writer{User: who(c).name(), Region: who(c).Region}, opts)
	if err != nil {
		return err
	}
	if res.DryRun {
		return c.JSON(http.StatusOK, res)
	}
	api.audit(c, who(c).name(), "import", fmt.Sprintf("%s %s batch %d rows %d", kind, res.Source, res.Batch.ID, res.Batch.Rows))
	return c.JSON(http.StatusCreated, res)
}

// importOptions reads the import's form fields.
func importOptions(c echo.Context, maxBytes int64) (importer.Options, error) {
	opts := importer.Options{CRS: c.FormValue("crs"), TOWGS84: c.FormValue("towgs84"), Layer: c.FormValue("layer"),
		MaxBytes: maxBytes}
	var err error
	if opts.Map, err = importer.ParseMap(c.FormValue("map")); err != nil {
		return opts, web.BadParam("map", "%v", err)
	}
	if v := c.FormValue("period"); v != "" {
		if opts.Period, err = strconv.Atoi(v); err != nil || opts.Period < 1949 || opts.Period > 2100 {
			return opts, web.BadParam("period", "%q is not a year from 1949 to 2100", v)
		}
	}
	if v := c.FormValue("margin"); v != "" {
		if opts.Margin, err = strconv.ParseFloat(v, 64); err != nil || importer.CheckMargin(opts.Margin) != nil {
			return opts, web.BadParam("margin", "%q is not a margin in metres from 1 to %.0f", v, importer.MaxMargin)
		}
	}
	if v := c.FormValue("clip"); v != "" {
		clip, err := strconv.ParseBool(v)
		if err != nil {
			return opts, web.BadParam("clip", "%q is not true or false", v)
		}
		opts.NoClip = !clip
	}
	for _, f := range []struct {
		name string
		to   *bool
	}{{"dry_run", &opts.DryRun}, {"replace", &opts.Replace}} {
		if v := c.FormValue(f.name); v != "" {
			if *f.to, err = strconv.ParseBool(v); err != nil {
				return opts, web.BadParam(f.name, "%q is not true or false", v)
			}
		}
	}
	return opts, nil
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

// unpack takes the data file out of a zipped upload. Geometry files may be
// zipped sets (a Shapefile, a KMZ) and workbooks are zips: their readers
// open them (after importer.CheckZip); for the rest a zip holds the one
// data file.
func unpack(kind, name string, data []byte, maxBytes int64) (string, []byte, error) {
	if importer.IsZip(data) && !importer.ReadsZips(kind, data) {
		return importer.Unzip(name, data, maxBytes, importer.Extensions[kind]...)
	}
	return name, data, nil
}
