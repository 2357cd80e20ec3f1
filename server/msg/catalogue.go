package msg

// zh holds the Chinese of each English format, gathered from the tables
// below by subject. The words the API takes (parameter names, values such
// as json or township, paths, headers) stay as they are in both.
var zh = join(problems, words, params, access, records, rounds)

func join(tables ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, t := range tables {
		for en, z := range t {
			if _, dup := out[en]; dup {
				panic("msg: " + en + " is in two tables")
			}
			out[en] = z
		}
	}
	return out
}

// problems: the titles of the problem documents, the frames their
// details are set in, and the HTTP status texts of the framework's own
// errors.
var problems = map[string]string{
	"Sign in needed":    "需要登录",
	"Forbidden":         "无权操作",
	"Too many requests": "请求过多",
	"Busy":              "服务繁忙",
	"Conflict":          "冲突",
	"Not found":         "未找到",
	"Invalid parameter": "参数无效",
	"The file has problems; nothing was written": "文件有问题，未写入任何数据",
	"Store unavailable":                          "数据库不可用",
	"Request timed out":                          "请求超时",
	"Internal error":                             "内部错误",

	"log in (POST /api/v1/auth/login) or send Authorization: Bearer <token>": "请先登录（POST /api/v1/auth/login），或发送 Authorization: Bearer <token>",
	"the database is not reachable; try again shortly":                       "无法连接数据库，请稍后再试",
	"the server failed; the cause is in its log":                             "服务器出错，原因已记入服务器日志",
	"no snapshot loaded yet":                                                 "数据尚未载入",
	"the store is not reachable":                                             "无法连接数据存储",

	"parameter %s: %s": "参数 %s：%s",
	"%s %q not found":  "找不到%s %q",
	"%v":               "%v",
	"%s %s":            "%s %s",
	"%s; %s":           "%s；%s",
	"…":                "……",

	"Bad Request":              "请求无效",
	"Unauthorized":             "未登录",
	"Not Found":                "未找到",
	"Method Not Allowed":       "不支持此请求方法",
	"Request Entity Too Large": "请求内容过大",
	"Unsupported Media Type":   "不支持的内容类型",
	"Too Many Requests":        "请求过多",
	"Internal Server Error":    "服务器内部错误",
	"Service Unavailable":      "服务暂不可用",
}

// words: the things a detail names (what was not found, the levels, the
// kinds of record) and the values of a checklist item's status.
var words = map[string]string{
	"province":  "省(自治区、直辖市)",
	"city":      "市",
	"county":    "县(市、区)",
	"township":  "乡镇(街道)",
	"community": "社区(村)",

	"region":                          "地区",
	"observation":                     "观测值",
	"facility":                        "设施",
	"grid":                            "网格",
	"network":                         "路网",
	"target":                          "目标",
	"batch":                           "导入批次",
	"chart":                           "图表",
	"checklist item":                  "清单事项",
	"collection":                      "要素集",
	"evidence file of checklist item": "清单事项的佐证文件",
	"feature":                         "要素",
	"file":                            "文件",
	"import kind":                     "导入类型",
	"tile":                            "瓦片",
	"tile layer":                      "瓦片图层",
	"token":                           "令牌",
	"upload":                          "上传文件",
	"user":                            "用户",

	"not_started": "未开始",
	"in_progress": "进行中",
	"done":        "已完成",
}
