package msg

// params: why a query parameter, path segment, form field or JSON body
// cannot be used.
var params = map[string]string{
	// Years, levels, regions, indicators.
	"%q is not a year": "%q 不是年份",
	"%d has no observations (periods with data: %s)":                 "%d 年没有观测值（有数据的年度：%s）",
	"%q is not a year from 1949 to 2100":                             "%q 不是 1949 至 2100 年之间的年份",
	"%q is not a number of seconds from 0 to %d":                     "%q 不是 0 到 %d 之间的秒数",
	"%q is not one of %s":                                            "%q 不是以下层级之一：%s",
	"%q is not a known region code":                                  "%q 不是已知的区划代码",
	"%s is a %s, not a community (use parent= for a larger region)":  "%s 是%s，不是社区(村)（更大的地区请用 parent=）",
	"%s is a %s with no regions beneath it to compare":               "%s 是%s，下面没有可比较的地区",
	"%s regions do not lie inside the %s %s":                         "%[1]s不在%[2]s %[3]s 之内",
	"is required (GET /api/v1/indicators lists them)":                "必须提供（GET /api/v1/indicators 列出全部指标）",
	"%q is not in the catalogue (GET /api/v1/indicators lists them)": "指标目录中没有 %q（GET /api/v1/indicators 列出全部指标）",
	"is required: the code of the region to set against the city":    "必须提供：与全市对比的地区代码",
	"%q is not townships or all":                                     "%q 不是 townships 或 all",
	"%q is not department or task":                                   "%q 不是 department 或 task",
	"%q is not a facility type (one of %v)":                          "%q 不是设施类型（可选：%v）",
	"%q is not zh or en":                                             "%q 不是 zh 或 en",

	// Formats and paging.
	"%q is not json or geojson":                     "%q 不是 json 或 geojson",
	"%q is not json or html":                        "%q 不是 json 或 html",
	"%q is not json, html, csv or xlsx":             "%q 不是 json、html、csv 或 xlsx",
	"%q is not csv, xlsx or json":                   "%q 不是 csv、xlsx 或 json",
	"%q is not geojson, gpkg, shp.zip, csv or xlsx": "%q 不是 geojson、gpkg、shp.zip、csv 或 xlsx",
	"%q is not a supported CRS (%s)":                "%q 不是支持的坐标系（支持：%s）",
	"%q is not a supported CRS for exports: its datum differs from WGS 84/CGCS2000 by up to a few hundred metres, and no shift to WGS 84 is given (supported: %s)": "%q 不是导出支持的坐标系：其基准与 WGS 84/CGCS2000 最多相差数百米，且未给出到 WGS 84 的转换参数（支持：%s）",
	"feature %s: its geometry takes %d characters of WKT, more than an XLSX cell holds (%d); export it as GeoPackage, Shapefile, GeoJSON or CSV":                   "要素 %s：其几何图形的 WKT 有 %d 个字符，超过 XLSX 单元格的容量（%d）；请导出为 GeoPackage、Shapefile、GeoJSON 或 CSV",
	"is not a parameter of this collection (f, bbox, limit, offset, period, lang)":                                                                                 "不是此要素集的参数（可用：f、bbox、limit、offset、period、lang）",
	"%q is not a whole number ≥ 1":                              "%q 不是 ≥ 1 的整数",
	"%q is not a whole number ≥ 0":                              "%q 不是 ≥ 0 的整数",
	"%q is not a whole number":                                  "%q 不是整数",
	"%q is not a whole number from %d to %d":                    "%q 不是 %d 至 %d 之间的整数",
	"%q is not a whole number from 1 to 1000":                   "%q 不是 1 至 1000 之间的整数",
	"%q is not an id":                                           "%q 不是编号",
	"%q: tiles are addressed as /tiles/{layer}/{z}/{x}/{y}.mvt": "%q：瓦片地址的格式为 /tiles/{layer}/{z}/{x}/{y}.mvt",

	// Bounding boxes and places.
	"%q has %d numbers, not 4 (minLon,minLat,maxLon,maxLat) or 6": "%q 有 %d 个数，应为 4 个（minLon,minLat,maxLon,maxLat）或 6 个",
	"item %d %q is not a number":                                  "第 %d 项 %q 不是数字",
	"minimum longitude %g is east of the maximum %g":              "最小经度 %g 在最大经度 %g 以东",
	"minimum latitude %g is north of the maximum %g":              "最小纬度 %g 在最大纬度 %g 以北",
	"latitudes must lie within −90…90":                            "纬度必须在 −90…90 之内",
	"give a facility id, or lon and lat":                          "请给出设施编号，或 lon 和 lat",
	"%q is not a longitude from -180 to 180":                      "%q 不是 -180 至 180 之间的经度",
	"%q is not a latitude from -90 to 90":                         "%q 不是 -90 至 90 之间的纬度",
	"item %d %q is not lon,lat or lon,lat,type":                   "第 %d 项 %q 不是 lon,lat 或 lon,lat,type",
	"needs lon and lat":                                           "需要 lon 和 lat",
	"lon %g, lat %g is not a place on earth":                      "经度 %g、纬度 %g 不是地球上的位置",

	// Classification of the map.
	"%q is not one of equal, quantile, jenks, pretty, stddev, manual, target": "%q 不是 equal、quantile、jenks、pretty、stddev、manual、target 之一",
	"%q is not a ColorBrewer palette here (sequential: %s; diverging: %s)":    "%q 不是此处可用的 ColorBrewer 配色（顺序色：%s；发散色：%s）",
	"method manual needs breaks, e.g. breaks=0,50,80,100":                     "method=manual 需要分界值，例如 breaks=0,50,80,100",
	"%q is not a number":                                 "%q 不是数字",
	"unknown method %q":                                  "未知的分级方法 %q",
	"manual breaks need 2 to %d limits, got %d":          "自定义分界需要 2 至 %d 个界值，实际为 %d 个",
	"manual break %g is not finite":                      "自定义界值 %g 不是有限数",
	"manual breaks must rise: %g follows %g":             "自定义界值必须递增：%[1]g 排在 %[2]g 之后",
	"%d classes; between %d and %d are possible":         "%d 级；只能分 %d 至 %d 级",
	"value %g is not finite":                             "数值 %g 不是有限数",
	"%d classes; palettes have %d to %d":                 "%d 级；配色只有 %d 至 %d 级",
	"unknown palette %q (sequential: %v; diverging: %v)": "未知配色 %q（顺序色：%v；发散色：%v）",

	// Comparison weights.
	"item %d %q is not task:weight":                               "第 %d 项 %q 不是 任务:权重 的形式",
	"item %d: weight %q is not a number ≥ 0":                      "第 %d 项：权重 %q 不是 ≥ 0 的数",
	"item %d: task %s is given twice":                             "第 %d 项：任务 %s 出现了两次",
	"item %d: task %q is not one of the notice's tasks 1–22 or *": "第 %d 项：任务 %q 不是通知中的任务 1–22 或 *",

	// Health circles, siting and grids.
	"%q is not a number of minutes":                      "%q 不是分钟数",
	"%g is not more than 0 and at most %d":               "%g 不在大于 0 且不超过 %d 的范围内",
	"%q is not one of %v":                                "%q 不是 %v 之一",
	"%s at %g km/h is not from 1 to 150 km/h":            "%s 的速度 %g 千米/小时不在 1 至 150 千米/小时之间",
	"%d candidates, more than %d":                        "候选点 %d 个，超过上限 %d 个",
	"%q is not among the facility types counted (%v)":    "%q 不在计入的设施类型之中（%v）",
	"%q is not a number of residents ≥ 0":                "%q 不是 ≥ 0 的人数",
	"%q is not a whole number of households (0 or more)": "%q 不是户数（0 或以上的整数）",
	"%d is below min_households %d":                      "%d 小于 min_households %d",

	// Imports and uploads.
	"%q is not an import kind (one of %v)":                                       "%q 不是导入类型（可选：%v）",
	"%q is not a margin in metres from 1 to %.0f":                                "%q 不是 1 至 %.0f 米之间的边距",
	"%q is not true or false":                                                    "%q 不是 true 或 false",
	"send the file as multipart/form-data in a field named file (%v)":            "请以 multipart/form-data 格式在名为 file 的字段中发送文件（%v）",
	"send the file as multipart/form-data in a field named file (there is none)": "请以 multipart/form-data 格式在名为 file 的字段中发送文件（请求中没有该字段）",
	"%q is not role=column":                                                      "%q 不是 角色=列名 的形式",
	"%q is not a role (code, name, level, parent, kind, population, households; for targets indicator, period, urban, rural, target)": "%q 不是角色（code、name、level、parent、kind、population、households；目标表另有 indicator、period、urban、rural、target）",

	// JSON bodies.
	"the body is longer than %d bytes":                                 "请求体超过 %d 字节",
	"send JSON %s (%v)":                                                "请发送 JSON %s（%v）",
	"send the request as a JSON object":                                "请以 JSON 对象发送请求",
	"not the JSON object expected: %v":                                 "不是所需的 JSON 对象：%v",
	"%d entries; at most %d per request":                               "%d 项；每次请求最多 %d 项",
	"the JSON body is over %d KiB; send at most %d places per request": "JSON 请求体超过 %d KiB；每次请求最多发送 %d 个地点",
	"send the body as Content-Type: application/json":                  "请以 Content-Type: application/json 发送请求体",

	// The checklist.
	"item %s is reported by each %s; region %s is a %s":      "事项 %s 由每个%s上报；地区 %s 是%s",
	"%q is not not_started, in_progress or done":             "%q 不是 not_started、in_progress 或 done",
	"at most %d characters of text":                          "文字最多 %d 个字符",
	"%q is not an http or https address of at most %d bytes": "%q 不是不超过 %d 字节的 http 或 https 地址",
	"an evidence file is at most %d MiB":                     "佐证文件最大 %d MiB",
	"%q is empty":                                            "%q 是空文件",
	"%q is not approved or returned":                         "%q 不是 approved 或 returned",

	// Accounts and tokens.
	"%q is not viewer, analyst, data_manager or admin":            "%q 不是 viewer、analyst、data_manager 或 admin",
	"you are limited to %s and can only grant regions inside it":  "您的账号限于 %s，只能授予其中的地区",
	"%s is outside your region %s":                                "%s 在您的地区 %s 之外",
	"username, password and role are required":                    "必须提供 username、password 和 role",
	"username must have 3 to 64 characters":                       "用户名须为 3 至 64 个字符",
	"username %q may hold only letters, digits, '.', '_' and '-'": "用户名 %q 只能包含字母、数字、'.'、'_' 和 '-'",
	"password must have at most %d bytes":                         "密码最多 %d 字节",
	"password must have at least %d characters":                   "密码至少 %d 个字符",
	"give the token a name of 1 to 100 characters":                "请给令牌起一个 1 至 100 个字符的名称",
	"%d is not from 1 to %d":                                      "%d 不在 1 至 %d 之间",
	"%q is not a token id":                                        "%q 不是令牌编号",
}
