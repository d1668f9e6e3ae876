/**
 * Every string yargs prints (its locales/en.json, yargs 18), in Chinese. Set
 * with `.updateStrings()`, so help and argument errors read the same whether
 * or not yargs finds its own locale files (the bundled CLI does not ship them).
 */
export const YARGS_STRINGS_ZH: Record<string, string | { one: string; other: string }> = {
  'Commands:': '命令：',
  'Options:': '选项：',
  'Examples:': '示例：',
  'Positionals:': '参数：',
  boolean: '开关',
  count: '计数',
  string: '文字',
  number: '数字',
  array: '可多个',
  required: '必填',
  default: '默认',
  'default:': '默认',
  'choices:': '可选：',
  'aliases:': '又名：',
  'generated-value': '自动生成',
  command: '命令',
  deprecated: '已停用',
  'deprecated: %s': '已停用：%s',
  'Not enough non-option arguments: got %s, need at least %s': {
    one: '缺少要处理的文件或命令：给出了 %s 个，至少需要 %s 个',
    other: '缺少要处理的文件或命令：给出了 %s 个，至少需要 %s 个',
  },
  'Too many non-option arguments: got %s, maximum of %s': {
    one: '给出的文件或参数太多：给出了 %s 个，最多 %s 个',
    other: '给出的文件或参数太多：给出了 %s 个，最多 %s 个',
  },
  'Missing argument value: %s': { one: '选项 %s 后面缺少值', other: '这些选项后面缺少值：%s' },
  'Missing required argument: %s': { one: '缺少必填的选项：%s', other: '缺少必填的选项：%s' },
  'Unknown argument: %s': { one: '不认识的选项或参数：%s（运行 xxgk --help 查看可用的选项）', other: '不认识的选项或参数：%s（运行 xxgk --help 查看可用的选项）' },
  'Unknown command: %s': { one: '没有这个命令：%s（运行 xxgk --help 查看全部命令）', other: '没有这些命令：%s（运行 xxgk --help 查看全部命令）' },
  'Invalid values:': '选项的值不对：',
  'Argument: %s, Given: %s, Choices: %s': '选项 %s 给的是 %s，只能是 %s',
  'Argument check failed: %s': '选项检查未通过：%s',
  'Implications failed:': '缺少配套的选项：',
  'Not enough arguments following: %s': '选项 %s 后面缺少值',
  'Invalid JSON config file: %s': '配置文件不是有效的 JSON：%s',
  'Path to JSON config file': 'JSON 配置文件的路径',
  'Show help': '显示帮助',
  'Show version number': '显示版本号',
  'Did you mean %s?': '是不是要用 %s？',
  'Arguments %s and %s are mutually exclusive': '选项 %s 和 %s 不能同时使用',
};
