"""A small XLSForm whose skip logic stays on one page, with a chain (works → needs →
other_need), for the form's show-and-hide tests."""

SKIP_FORM = (
    "| survey |\n"
    "| | type | name | label | required | relevant |\n"
    "| | select_one yn | works | 働いていますか | yes | |\n"
    "| | text | job | 仕事の内容 | yes | ${works} = 'y' |\n"
    "| | select_multiple help | needs | 必要な支援 | | ${works} = 'y' |\n"
    "| | text | other_need | その他の支援の内容 | yes | selected(${needs}, 'x') |\n"
    "| | text | comment | ご意見 | | |\n"
    "| choices |\n"
    "| | list_name | name | label |\n"
    "| | yn | y | はい |\n"
    "| | yn | n | いいえ |\n"
    "| | help | a | 相談 |\n"
    "| | help | x | そのほか |\n"
)
