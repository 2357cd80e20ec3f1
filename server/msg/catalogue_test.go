package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/community-atlas/atlas/analytics"
)

// formatArgs are the functions whose argument (by index) is an English
// format of the catalogue: the constructors of the errors the API
// answers with, here and in the analytics packages whose errors it passes
// on.
var formatArgs = map[string]int{
	"BadParam":      1, // web.BadParam(param, format, …)
	"msg.Errorf":    0,
	"msg.New":       0,
	"Forbidden":     0, // atlas.Forbidden
	"paramError":    1, // healthcov
	"weightsError":  0, // compare
	"classifyError": 0, // classify
	"is":            1, // the problem titles in server's problemKind
}

// formatFields are the struct fields that hold a format or a word of the
// catalogue.
var formatFields = map[string]bool{"Reason": true, "What": true}

// sourceDirs are where those calls are, relative to this package.
var sourceDirs = []string{"..", "../../analytics/healthcov", "../../analytics/compare", "../../analytics/classify"}

// usedFormats lists every format literal passed to formatArgs, set in
// formatFields or returned by a MessageFormat method in the non-test
// sources, with where it is; a constant
// passed instead of a literal counts by its value.
func usedFormats(t *testing.T) map[string]string {
	t.Helper()
	used := map[string]string{}
	fset := token.NewFileSet()
	for _, dir := range sourceDirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && d.Name() == "storetest" {
				return filepath.SkipDir // test support: its strings are data, not messages
			}
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			consts := stringConsts(f)
			add := func(e ast.Expr) {
				if s, ok := stringValue(e, consts); ok {
					if _, seen := used[s]; !seen {
						used[s] = fset.Position(e.Pos()).String()
					}
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					if i, ok := formatArgs[funcName(n.Fun)]; ok && i < len(n.Args) {
						add(n.Args[i])
					}
				case *ast.KeyValueExpr:
					if k, ok := n.Key.(*ast.Ident); ok && formatFields[k.Name] {
						add(n.Value)
					}
				case *ast.FuncDecl: // func (e *T) MessageFormat() (string, []any) { return "…", … }
					if n.Name.Name == "MessageFormat" && n.Body != nil {
						ast.Inspect(n.Body, func(m ast.Node) bool {
							if r, ok := m.(*ast.ReturnStmt); ok && len(r.Results) > 0 {
								add(r.Results[0])
							}
							return true
						})
					}
				case *ast.AssignStmt: // x.Reason = "…"
					for i, lhs := range n.Lhs {
						if sel, ok := lhs.(*ast.SelectorExpr); ok && formatFields[sel.Sel.Name] && i < len(n.Rhs) {
							add(n.Rhs[i])
						}
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return used
}

func funcName(e ast.Expr) string {
	switch f := e.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok && x.Name == "msg" {
			return "msg." + f.Sel.Name
		}
		return f.Sel.Name
	}
	return ""
}

// stringConsts are the file's string constants.
func stringConsts(f *ast.File) map[string]string {
	out := map[string]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if i < len(vs.Values) {
					if s, ok := stringValue(vs.Values[i], nil); ok {
						out[name.Name] = s
					}
				}
			}
		}
	}
	return out
}

func stringValue(e ast.Expr, consts map[string]string) (string, bool) {
	switch v := e.(type) {
	case *ast.BasicLit:
		if v.Kind == token.STRING {
			s, err := strconv.Unquote(v.Value)
			return s, err == nil
		}
	case *ast.Ident:
		s, ok := consts[v.Name]
		return s, ok
	case *ast.BinaryExpr:
		a, okA := stringValue(v.X, consts)
		b, okB := stringValue(v.Y, consts)
		return a + b, okA && okB && v.Op == token.ADD
	}
	return "", false
}

// unspelt are the catalogue's entries that no call site spells out: the
// levels, checklist statuses and record types that arguments carry, and
// the HTTP status texts of echo's own errors.
var unspelt = []string{
	"not_started", "in_progress", "done",
	"region", "observation", "facility", "grid", "network", "target",
	"Not Found", "Method Not Allowed", "Request Entity Too Large", "Unsupported Media Type",
	"Service Unavailable", "Bad Request", "Internal Server Error", "Forbidden", "Unauthorized", "Too Many Requests",
}

// Every format the code passes to an error constructor has its Chinese,
// and the catalogue holds no format the code no longer uses.
func TestEveryFormatHasChinese(t *testing.T) {
	used := usedFormats(t)
	for _, l := range analytics.Levels {
		used[string(l)] = "analytics.Levels"
	}
	for _, w := range unspelt {
		used[w] = "unspelt"
	}
	if len(used) < 150 {
		t.Fatalf("found only %d formats: is the source walk broken?", len(used))
	}
	var missing []string
	for f, at := range used {
		if _, ok := zh[f]; !ok {
			missing = append(missing, at+": "+strconv.Quote(f))
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d formats lack Chinese:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	var stale []string
	for f := range zh {
		if _, ok := used[f]; !ok {
			stale = append(stale, strconv.Quote(f))
		}
	}
	sort.Strings(stale)
	if len(stale) > 0 {
		t.Errorf("%d formats of the catalogue are used nowhere:\n%s", len(stale), strings.Join(stale, "\n"))
	}
	t.Logf("%d messages, %d of them used as formats in the code", len(zh), len(used))
}

// Each Chinese format takes the same arguments with the same verbs as its
// English one, says something in Chinese, and keeps the API's own tokens
// (parameter names, paths, codes in the English) where it quotes them.
func TestCatalogueFormatsAgree(t *testing.T) {
	for en, z := range zh {
		if !verbsAgree(verbs(en), verbs(z)) {
			t.Errorf("verbs differ:\n  %q %v\n  %q %v", en, verbs(en), z, verbs(z))
		}
		if !hasHan(z) && !isNeutral(z) {
			t.Errorf("%q: the Chinese %q has no Chinese", en, z)
		}
		for _, token := range []string{"GET /api/v1/indicators", "POST /api/v1/auth/login", "Authorization: Bearer", "--map", "Content-Type: application/json", "X-CSRF-Token"} {
			if strings.Contains(en, token) && !strings.Contains(z, token) {
				t.Errorf("%q: the Chinese %q drops %q", en, z, token)
			}
		}
	}
}

// isNeutral is a format of punctuation and verbs alone, the same in both
// languages.
func isNeutral(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && r != 'v' && r != 's' {
			return false
		}
	}
	return true
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// verbsAgree: each argument is taken by the same verb in both, the same
// number of times.
func verbsAgree(a, b []verb) bool {
	count := func(vs []verb) map[verb]int {
		m := map[verb]int{}
		for _, v := range vs {
			m[v]++
		}
		return m
	}
	ca, cb := count(a), count(b)
	if len(ca) != len(cb) {
		return false
	}
	for v, n := range ca {
		if cb[v] != n {
			return false
		}
	}
	return true
}
