package ogc

import (
	"fmt"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/msg"
)

// pageText is the wording of the HTML pages in one language. The JSON
// answers keep their English link titles: clients read them, not people.
type pageText struct {
	Lang, HTMLLang               string
	App, Subtitle                string
	ToMap, Other, OtherLabel     string
	Home, Collections            string
	Conformance, Definition      string
	Links, Formats               string
	About, Description           string
	Extent, Browse, AsGeoJSON    string
	ID, Title, Property, Value   string
	Period, Next, Prev           string
	Yes, No                      string
	NoFeatures                   string
	Showing                      func(from, to, of int) string
	FeaturesOf                   func(collection string) string
	LinkTitles                   map[string]string // by rel
	Fields, Levels, Kinds, Types map[string]string
	Units                        map[string]string // as the web app words them
	DefinitionIntro              string
	LandingIntro                 string // a format of the roots' names and the notice (landingIntro)
}

var pageTexts = map[msg.Lang]pageText{
	msg.ZH: {
		Lang: "zh", HTMLLang: "zh-CN",
		App: "城乡社区建设图集", Subtitle: "OGC API – Features 地理要素服务",
		ToMap: "返回地图", Other: "English", OtherLabel: "Switch to English",
		Home: "服务首页", Collections: "要素集", Conformance: "符合的标准", Definition: "接口定义",
		Links: "链接", Formats: "其他格式", About: "简介", Description: "说明",
		Extent: "范围", Browse: "浏览要素", AsGeoJSON: "下载 GeoJSON",
		ID: "编号", Title: "名称", Property: "属性", Value: "值",
		Yes: "是", No: "否", Period: "年度", Next: "下一页", Prev: "上一页", NoFeatures: "没有符合条件的要素。",
		Showing: func(from, to, of int) string {
			if of == 0 {
				return "共 0 个要素"
			}
			return "第 " + itoa(from) + "–" + itoa(to) + " 个，共 " + itoa(of) + " 个要素"
		},
		FeaturesOf: func(c string) string { return c + "：要素" },
		LinkTitles: map[string]string{
			"self": "本页", "alternate": "其他格式", "service-desc": "接口定义（OpenAPI）", "service-doc": "接口文档",
			"conformance": "符合的标准", "data": "要素集", "items": "要素", "collection": "所属要素集",
			"next": "下一页", "prev": "上一页",
		},
		Fields: map[string]string{
			"code": "代码", "name": "名称", "level": "层级", "parent": "上级代码", "kind": "城乡",
			"population": "人口", "households": "户数", "area_km2": "面积(km²)",
			"id": "编号", "type": "类型", "floor_area_m2": "建筑面积(m²)", "region": "服务区划代码", "region_name": "服务区划",
			"community": "社区代码", "community_name": "社区", "worker": "网格员", "area_m2": "面积(m²)",
		},
		Levels: levelTitles(func(t analytics.Text) string { return t.ZH }),
		Kinds:  map[string]string{"urban": "城市社区", "rural": "农村社区"},
		Units: map[string]string{"%": "%", "yes/no": "", "count": "个", "yuan/person": "元/人", "persons": "人", "ratio": "倍",
			"m²/100 households": "平方米/百户", "m²": "平方米"},
		Types: map[string]string{"health_centre": "社区卫生服务中心", "health_station": "社区卫生服务站",
			"village_clinic": "村卫生室", "police_post": "社区警务室", "service_centre": "社区服务中心"},
		LandingIntro:    "%[1]s各级区划的边界，以及%[2]s各项指标、服务设施和管理网格，可在 QGIS、ArcGIS、GDAL 等软件中按 OGC API – Features 标准读取。",
		DefinitionIntro: "本服务的 OpenAPI 3.0 定义：",
	},
	msg.EN: {
		Lang: "en", HTMLLang: "en",
		App: "Community Atlas", Subtitle: "OGC API – Features",
		ToMap: "Back to the map", Other: "中文", OtherLabel: "切换为中文",
		Home: "Home", Collections: "Collections", Conformance: "Conformance", Definition: "API definition",
		Links: "Links", Formats: "Other formats", About: "About", Description: "Description",
		Extent: "Extent", Browse: "Browse the features", AsGeoJSON: "Download GeoJSON",
		ID: "ID", Title: "Title", Property: "Property", Value: "Value",
		Yes: "yes", No: "no", Period: "Year", Next: "Next page", Prev: "Previous page", NoFeatures: "No feature matches.",
		Showing: func(from, to, of int) string {
			if of == 0 {
				return "0 features"
			}
			return "Features " + itoa(from) + "–" + itoa(to) + " of " + itoa(of)
		},
		FeaturesOf: func(c string) string { return c + ": features" },
		LinkTitles: map[string]string{
			"self": "This page", "alternate": "Other format", "service-desc": "API definition (OpenAPI)", "service-doc": "API documentation",
			"conformance": "Conformance classes", "data": "Collections", "items": "Features", "collection": "The collection",
			"next": "Next page", "prev": "Previous page",
		},
		Fields: map[string]string{
			"code": "Code", "name": "Name", "level": "Level", "parent": "Parent code", "kind": "Urban/rural",
			"population": "Population", "households": "Households", "area_km2": "Area (km²)",
			"id": "ID", "type": "Type", "floor_area_m2": "Floor area (m²)", "region": "Region served (code)", "region_name": "Region served",
			"community": "Community code", "community_name": "Community", "worker": "Grid worker", "area_m2": "Area (m²)",
		},
		Levels: levelTitles(func(t analytics.Text) string { return t.EN }),
		Kinds:  map[string]string{"urban": "Urban community", "rural": "Rural community"},
		Units: map[string]string{"%": "%", "yes/no": "", "count": "", "yuan/person": "yuan/person", "persons": "persons", "ratio": "×",
			"m²/100 households": "m²/100 households", "m²": "m²"},
		Types: map[string]string{"health_centre": "Health centre", "health_station": "Health station",
			"village_clinic": "Village clinic", "police_post": "Police post", "service_centre": "Service centre"},
		LandingIntro:    "Boundaries of the divisions of %[1]s at every level with the indicators of the community-construction targets (%[2]s), facilities and management grids, for QGIS, ArcGIS, GDAL and any other OGC API – Features client.",
		DefinitionIntro: "The OpenAPI 3.0 definition of this service: ",
	},
}

// levelTitles names each level of the hierarchy in one language.
func levelTitles(in func(analytics.Text) string) map[string]string {
	out := map[string]string{}
	for _, l := range analytics.Hierarchy {
		out[string(l.Name)] = in(l.Title)
	}
	return out
}

// landingIntro says what the service holds: the divisions under its roots
// (南通市; 江苏省) and the indicators of the catalogue's notice.
func landingIntro(t pageText, s *analytics.Snapshot) string {
	var names []string
	for _, r := range s.Roots() {
		names = append(names, r.Name)
	}
	source := ""
	if s.Catalogue != nil {
		source, _, _ = strings.Cut(s.Catalogue.Source, ",")
	}
	return fmt.Sprintf(t.LandingIntro, strings.Join(names, "、"), source)
}
