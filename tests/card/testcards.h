#pragma once
// README.md files shaped like real Hub cards, for the card library and `hubgate gate` tests.

#include <QByteArray>
#include <QList>
#include <QString>

namespace cardtest {

struct TestCard
{
    const char *name;
    QByteArray readme;
};

inline QByteArray crlf(QByteArray text)
{
    return text.replace("\n", "\r\n");
}

// The gated-models guide's example (shared/seeds/001), as a README with its body.
inline QByteArray seedCard()
{
    return QByteArrayLiteral(
        "---\n"
        "license: other\n"
        "extra_gated_prompt: \"You agree to not use the model to conduct experiments that cause harm to human subjects.\"\n"
        "extra_gated_fields:\n"
        "  Company: text\n"
        "  Country: country\n"
        "  Specific date: date_picker\n"
        "  I want to use this model for:\n"
        "    type: select\n"
        "    options: \n"
        "      - Research\n"
        "      - Education\n"
        "      - label: Other\n"
        "        value: other\n"
        "  I agree to use this model for non-commercial use ONLY: checkbox\n"
        "extra_gated_heading: \"Acknowledge license to accept the repository\"\n"
        "extra_gated_description: \"Our team may take 2-3 days to process your request\"\n"
        "extra_gated_button_content: \"Acknowledge license\"\n"
        "---\n"
        "\n"
        "# Gated example model\n"
        "\n"
        "To give more control over how models are used, the Hub allows model authors to enable access\n"
        "requests for their models. Users must agree to share their contact information (username and\n"
        "email address) with the model authors to access the model files when enabled.\n");
}

inline QList<TestCard> testCards()
{
    return {
        {"seed", seedCard()},
        {"folded_prompt",
         "---\nlicense: llama2\nextra_gated_prompt: >-\n  ### LLAMA 2 COMMUNITY LICENSE AGREEMENT\n\n  \"Agreement\" means the terms"
         " and conditions for use,\n  reproduction, distribution and modification.\nextra_gated_fields:\n  First Name: text\n"
         "  Last Name: text\n  Date of birth: date_picker\n  Country: country\n  Affiliation: text\n  geo: ip_location\n"
         "  By clicking Submit below I accept the terms of the license and acknowledge that the information I provide will be"
         " collected stored processed and shared in accordance with the Meta Privacy Policy: checkbox\n"
         "extra_gated_description: The information you provide will be collected, stored, processed and shared.\n"
         "extra_gated_button_content: Submit\n---\n\n# Llama 2\n"},
        {"literal_prompt",
         "---\nlanguage:\n- en\nextra_gated_prompt: |\n  You agree to all of the following:\n\n  1. No harm\n  2. Cite us:"
         " `@misc{x}`\nextra_gated_eu_disallowed: true\n---\n# Model\n\nText.\n"},
        {"literal_strip_prompt",
         "---\nextra_gated_prompt: |-\n  First line\n    indented line\n  last line\nextra_gated_fields:\n  Name: text\n---\nBody\n"},
        {"double_quoted_escapes",
         "---\nextra_gated_prompt: \"Agree to the \\\"license\\\":\\n\\t- no \\u00e9vil use\\n\\\n  continued on the next line\\\n"
         "  \\ with a kept space\"\nextra_gated_heading: \"Tab\\tand quote \\\" here\"\n---\nBody\n"},
        {"single_quoted_multiline",
         "---\nextra_gated_prompt: 'It''s a prompt\n  folded over\n\n  two paragraphs'\nextra_gated_button_content: 'Yes, I''m in'\n"
         "---\n\nBody\n"},
        {"complex_keys",
         "---\n? complex key\n: complex value\n? [a, b]\n: sequence key\nextra_gated_heading: Hello\n? |\n  block key\n: v\n---\nBody\n"},
        {"quoted_keys",
         "---\n\"what? yes\": 1\n'a: b': 2\n\"it's\": 3\n'say ''hi''': 4\nextra_gated_fields:\n  \"Why? Because: yes\": text\n"
         "  'Ticked: ''ok''': checkbox\nextra_gated_heading: Quoted keys\n---\nBody\n"},
        {"non_ascii_keys",
         "---\nlangue_française: oui\n名前: テスト\nextra_gated_fields:\n  Prénom: text\n  Straße: text\n  国: country\n"
         "extra_gated_prompt: Ünïcödé prompt — “quotes”\n---\n# Ü\n"},
        {"long_checkbox",
         "---\nextra_gated_fields:\n  I agree that I will not use this dataset to identify or re-identify individuals, to build"
         " surveillance tools, or for any purpose that violates the privacy of the people recorded in it, and I will delete"
         " my copy on request: checkbox\n  Email: text\n---\nBody\n"},
        {"comments_after_values",
         "---\n# Card metadata\nlicense: mit # the license\nextra_gated_heading: \"Hi\" # shown on top\n# between keys\n"
         "extra_gated_fields: # the form\n  Name: text # full name\n  Country: country\n# trailing comment\n---\nBody\n"},
        {"blank_lines",
         "---\n\nlicense: apache-2.0\n\n\nextra_gated_prompt: Please tell us who you are.\n\nextra_gated_fields:\n  Name: text\n\n"
         "  Company: text\n\ntags:\n- a\n\n---\n\nBody\n"},
        {"crlf",
         crlf("---\nlicense: mit\nextra_gated_prompt: |\n  Line one\n  Line two\nextra_gated_fields:\n  Name: text\n"
              "  Use:\n    type: select\n    options:\n      - Research\n      - label: Other\n        value: other\n---\n\n# CRLF\n")},
        {"model_index",
         "---\nlicense: apache-2.0\nextra_gated_prompt: Accept the terms.\nmodel-index:\n- name: tiny-model\n  results:\n"
         "  - task:\n      type: text-classification\n      name: Text Classification\n    dataset:\n      name: glue\n"
         "      type: glue\n      args: sst2\n    metrics:\n    - type: accuracy\n      value: 0.91\n      name: Accuracy\n"
         "      verified: false\nextra_gated_fields:\n  Affiliation: text\n---\n# Tiny\n"},
        {"sorted_keys",
         "---\ndatasets:\n- c4\nextra_gated_button_content: Request\nextra_gated_description: We review weekly.\n"
         "extra_gated_fields:\n  Affiliation: text\nextra_gated_heading: Access\nextra_gated_prompt: Be nice.\nlanguage:\n- en\n"
         "license: mit\ntags:\n- x\n---\nBody\n"},
        {"front_matter_only", "---\nlicense: mit\nextra_gated_prompt: Only metadata\n---\n"},
        {"front_matter_only_no_newline", "---\nlicense: mit\nextra_gated_heading: End\n---"},
        {"no_final_newline", "---\nextra_gated_fields:\n  Name: text\n---\n\n# Title\n\nLast line without newline"},
        {"bom", "\xEF\xBB\xBF---\nlicense: mit\nextra_gated_heading: With a byte-order mark\n---\nBody\n"},
        {"unknown_field_type",
         "---\nextra_gated_fields:\n  Name: text\n  Rating:   slider   # not a Hub type\n  Budget:\n    type: number\n    min: 0\n"
         "  Where: ip_location\n  Flow: {type: select, options: [A, B]}\n---\nBody\n"},
        {"flow_options_and_indent4",
         "---\nextra_gated_fields:\n    Institution: text\n    Research project:\n        type: select\n"
         "        options: [Coral health, \"Marine: mammals\", {label: Other, value: other}]\n    I will cite the dataset: checkbox\n"
         "---\n# Reef\n"},
        {"odd_styles",
         "---\nextra_gated_eu_disallowed: True\nextra_gated_heading:    'Spaced'   \nextra_gated_custom_thing: [1, 2]\n"
         "extra_gated_description: !!str 2024\n---\nBody\n"},
        {"no_gate_keys", "---\nlicense: mit\ntags:\n- a\n---\n# Plain\n"},
        {"no_front_matter", "# Just a title\n\nNo metadata here.\n"},
        {"empty_front_matter", "---\n---\nBody\n"},
    };
}

} // namespace cardtest
