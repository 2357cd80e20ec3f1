package server

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/web"
)

// Staged uploads: the import wizard sends a file once and asks for its
// report as often as the options change, and a reload of the page finds it
// again. A staged upload is two files in <data-dir>/uploads: <id>.data,
// the bytes as sent, and <id>.json, who sent what and when. It belongs to
// the user who sent it (no one else sees it), and it is deleted when
// committed, discarded, or uploadTTL after it was sent. Service processes
// that share a database must share the data directory for the wizard to
// reach an upload from any of them.
const (
	uploadTTL        = 24 * time.Hour
	maxUploadsByUser = 5
)

// stagedUpload is the record of one upload.
type stagedUpload struct {
	ID      string    `json:"id"`
	Owner   string    `json:"owner"`
	Kind    string    `json:"kind"`
	File    string    `json:"file"`
	Size    int64     `json:"size"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires"`
}

// uploadDir is a directory of staged uploads.
type uploadDir struct {
	dir string
	now func() time.Time
	mu  sync.Mutex // orders a user's count check with the write that follows
}

var uploadID = regexp.MustCompile(`^[0-9a-f]{32}$`)

func (d *uploadDir) path(id, ext string) string { return filepath.Join(d.dir, id+ext) }

// put stores the content of r as a new upload of owner's, after removing
// the expired ones; it refuses when owner has maxUploadsByUser waiting.
func (d *uploadDir) put(owner, kind, file string, r io.Reader) (*stagedUpload, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	mine, err := d.list(owner)
	if err != nil {
		return nil, err
	}
	if len(mine) >= maxUploadsByUser {
		return nil, &conflictError{msg.New("%d uploads of yours wait to be committed or discarded (at most %d); discard one first",
			len(mine), maxUploadsByUser)}
	}
	if err := os.MkdirAll(d.dir, 0o700); err != nil {
		return nil, fmt.Errorf("uploads: %w", err)
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	now := d.now().UTC()
	u := &stagedUpload{ID: hex.EncodeToString(b), Owner: owner, Kind: kind, File: file, Created: now, Expires: now.Add(uploadTTL)}
	if u.Size, err = d.write(u.ID, r); err != nil {
		return nil, err
	}
	meta, _ := json.Marshal(u)
	if err := os.WriteFile(d.path(u.ID, ".json"), meta, 0o600); err != nil {
		d.remove(u.ID)
		return nil, fmt.Errorf("uploads: %w", err)
	}
	return u, nil
}

func (d *uploadDir) write(id string, r io.Reader) (int64, error) {
	f, err := os.OpenFile(d.path(id, ".data"), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, fmt.Errorf("uploads: %w", err)
	}
	n, err := io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		d.remove(id)
		return 0, fmt.Errorf("uploads: %w", err)
	}
	return n, nil
}

// get returns owner's upload id and its content. Another user's upload,
// an expired one and a malformed id are all not found: an id tells
// nothing about whose it is.
func (d *uploadDir) get(owner, id string) (*stagedUpload, []byte, error) {
	u, err := d.meta(id)
	if err != nil || u.Owner != owner || !d.now().Before(u.Expires) {
		if err == nil && !d.now().Before(u.Expires) {
			d.remove(id)
		}
		return nil, nil, &web.NotFoundError{What: "upload", Code: id}
	}
	data, err := os.ReadFile(d.path(id, ".data"))
	if err != nil {
		return nil, nil, &web.NotFoundError{What: "upload", Code: id}
	}
	return u, data, nil
}

func (d *uploadDir) meta(id string) (*stagedUpload, error) {
	if !uploadID.MatchString(id) {
		return nil, os.ErrNotExist
	}
	raw, err := os.ReadFile(d.path(id, ".json"))
	if err != nil {
		return nil, err
	}
	var u stagedUpload
	if err := json.Unmarshal(raw, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// list answers owner's uploads, oldest first, removing every expired one
// (anyone's) on the way.
func (d *uploadDir) list(owner string) ([]stagedUpload, error) {
	names, err := filepath.Glob(filepath.Join(d.dir, "*.json"))
	if err != nil {
		return nil, err
	}
	mine := []stagedUpload{}
	for _, name := range names {
		id := strings.TrimSuffix(filepath.Base(name), ".json")
		u, err := d.meta(id)
		switch {
		case err != nil:
			continue
		case !d.now().Before(u.Expires):
			d.remove(id)
		case u.Owner == owner:
			mine = append(mine, *u)
		}
	}
	d.sweepCommitted()
	sort.Slice(mine, func(i, j int) bool { return mine[i].Created.Before(mine[j].Created) })
	return mine, nil
}

// remove deletes an upload's files, the content first, so that a record
// never outlives its content.
func (d *uploadDir) remove(id string) {
	d.removeContent(id)
	os.Remove(d.path(id, committedExt))
}

func (d *uploadDir) removeContent(id string) {
	os.Remove(d.path(id, ".data"))
	os.Remove(d.path(id, ".json"))
	reports, _ := filepath.Glob(d.path(id, ".report-*"))
	for _, r := range reports {
		os.Remove(r)
	}
}

// committedExt names the file that keeps a committed upload's answer, in
// place of the upload, until uploadTTL after the upload was sent.
const committedExt = ".committed"

// committedUpload is what that file holds.
type committedUpload struct {
	stagedUpload
	Answer json.RawMessage `json:"answer"`
}

// commit keeps the answer of upload u's import and deletes the upload.
func (d *uploadDir) commit(u *stagedUpload, answer []byte) {
	if raw, err := json.Marshal(committedUpload{*u, answer}); err == nil {
		d.keep(d.path(u.ID, committedExt), raw)
	}
	d.removeContent(u.ID)
}

// committed returns the kept answer of owner's committed upload id.
func (d *uploadDir) committed(owner, id string) ([]byte, bool) {
	if !uploadID.MatchString(id) {
		return nil, false
	}
	raw, err := os.ReadFile(d.path(id, committedExt))
	if err != nil {
		return nil, false
	}
	var c committedUpload
	if json.Unmarshal(raw, &c) != nil || c.Owner != owner {
		return nil, false
	}
	if !d.now().Before(c.Expires) {
		os.Remove(d.path(id, committedExt))
		return nil, false
	}
	return c.Answer, true
}

// sweepCommitted deletes the kept answers of uploads past their expiry.
func (d *uploadDir) sweepCommitted() {
	names, _ := filepath.Glob(filepath.Join(d.dir, "*"+committedExt))
	for _, name := range names {
		raw, err := os.ReadFile(name)
		var c committedUpload
		if err != nil || json.Unmarshal(raw, &c) != nil || !d.now().Before(c.Expires) {
			os.Remove(name)
		}
	}
}

// reportPath is where upload id's report for one request key is kept.
func (d *uploadDir) reportPath(id, key string) string { return d.path(id, ".report-"+key) }

// keep writes a report whole or not at all (a rename); failing to keep
// one only costs the next request the time to make it again.
func (d *uploadDir) keep(path string, body []byte) {
	tmp := path + ".tmp"
	if os.WriteFile(tmp, body, 0o600) != nil || os.Rename(tmp, path) != nil {
		os.Remove(tmp)
	}
}

// delete removes owner's upload id.
func (d *uploadDir) delete(owner, id string) error {
	u, err := d.meta(id)
	if err != nil || u.Owner != owner {
		return &web.NotFoundError{What: "upload", Code: id}
	}
	d.remove(id)
	return nil
}
