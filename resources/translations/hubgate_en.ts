<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
  <context>
    <name>DecisionHistory</name>
    <message numerus="yes">
      <source>Undo accept of %Ln request(s)</source>
      <translation>
        <numerusform>Undo accept of %Ln request</numerusform>
        <numerusform>Undo accept of %Ln requests</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Undo reject of %Ln request(s)</source>
      <translation>
        <numerusform>Undo reject of %Ln request</numerusform>
        <numerusform>Undo reject of %Ln requests</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Undo cancel of %Ln request(s)</source>
      <translation>
        <numerusform>Undo cancel of %Ln request</numerusform>
        <numerusform>Undo cancel of %Ln requests</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Undo grant to %Ln user(s)</source>
      <translation>
        <numerusform>Undo grant to %Ln user</numerusform>
        <numerusform>Undo grant to %Ln users</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DecisionReport</name>
    <message numerus="yes">
      <source>%1: %Ln request(s) done.</source>
      <translation>
        <numerusform>%1: %Ln request done.</numerusform>
        <numerusform>%1: %Ln requests done.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1: %Ln done</source>
      <translation>
        <numerusform>%1: %Ln done</numerusform>
        <numerusform>%1: %Ln done</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>, %Ln refused by the Hub</source>
      <translation>
        <numerusform>, %Ln refused by the Hub</numerusform>
        <numerusform>, %Ln refused by the Hub</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>, %Ln not done yet</source>
      <translation>
        <numerusform>, %Ln not done yet</numerusform>
        <numerusform>, %Ln not done yet</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>GatingConsequence</name>
    <message numerus="yes">
      <source>%Ln pending requests will be accepted.</source>
      <translation>
        <numerusform>%Ln pending requests will be accepted.</numerusform>
        <numerusform>%Ln pending requests will be accepted.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>HubError</name>
    <message numerus="yes">
      <source>The Hub is limiting requests from this token: waiting %n s.</source>
      <translation>
        <numerusform>The Hub is limiting requests from this token: waiting %n s.</numerusform>
        <numerusform>The Hub is limiting requests from this token: waiting %n s.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>InsightChartFactory</name>
    <message numerus="yes">
      <source>The %1 countries with the most requests. Other countries (%Ln): %2.</source>
      <translation>
        <numerusform>The %1 countries with the most requests. Other countries (%Ln): %2.</numerusform>
        <numerusform>The %1 countries with the most requests. Other countries (%Ln): %2.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln request(s)</source>
      <translation>
        <numerusform>%Ln request</numerusform>
        <numerusform>%Ln requests</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>TokenChecks</name>
    <message numerus="yes">
      <source>The token expired at %1, %n second(s) ago (allowing %2 s of clock skew). ID tokens live minutes: exchange it right after the job requests it.</source>
      <translation>
        <numerusform>The token expired at %1, %n second ago (allowing %2 s of clock skew). ID tokens live minutes: exchange it right after the job requests it.</numerusform>
        <numerusform>The token expired at %1, %n seconds ago (allowing %2 s of clock skew). ID tokens live minutes: exchange it right after the job requests it.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>The token is not valid before %1, %n second(s) from now (allowing %2 s of clock skew): a clock is wrong.</source>
      <translation>
        <numerusform>The token is not valid before %1, %n second from now (allowing %2 s of clock skew): a clock is wrong.</numerusform>
        <numerusform>The token is not valid before %1, %n seconds from now (allowing %2 s of clock skew): a clock is wrong.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::DecisionJob</name>
    <message numerus="yes">
      <source>expected %n outcomes</source>
      <translation>
        <numerusform>expected %n outcomes</numerusform>
        <numerusform>expected %n outcomes</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>The Hub's rate limit for this token is used up: waiting %n s before the next call.</source>
      <translation>
        <numerusform>The Hub's rate limit for this token is used up: waiting %n s before the next call.</numerusform>
        <numerusform>The Hub's rate limit for this token is used up: waiting %n s before the next call.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::ExportDialog</name>
    <message numerus="yes">
      <source>Exported %Ln request(s) to %1.</source>
      <translation>
        <numerusform>Exported %Ln request to %1.</numerusform>
        <numerusform>Exported %Ln requests to %1.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Loading the other repositories: %Ln request(s) so far…</source>
      <translation>
        <numerusform>Loading the other repository: %Ln request so far…</numerusform>
        <numerusform>Loading the other repositories: %Ln requests so far…</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Writing %Ln request(s)…</source>
      <translation>
        <numerusform>Writing %Ln request…</numerusform>
        <numerusform>Writing %Ln requests…</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::FailuresDialog</name>
    <message numerus="yes">
      <source>&amp;Retry %Ln not done</source>
      <translation>
        <numerusform>&amp;Retry %Ln not done</numerusform>
        <numerusform>&amp;Retry %Ln not done</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::FilterBar</name>
    <message numerus="yes">
      <source>%Ln request(s)</source>
      <translation>
        <numerusform>%Ln request</numerusform>
        <numerusform>%Ln requests</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::GateSaveDialog</name>
    <message numerus="yes">
      <source>README.md: %Ln line(s) removed or added. Other lines stay byte for byte.</source>
      <translation>
        <numerusform>README.md: %Ln line removed or added. Other lines stay byte for byte.</numerusform>
        <numerusform>README.md: %Ln lines removed or added. Other lines stay byte for byte.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::InsightsPage</name>
    <message numerus="yes">
      <source>%Ln minute(s)</source>
      <translation>
        <numerusform>%Ln minute</numerusform>
        <numerusform>%Ln minutes</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln request(s)</source>
      <translation>
        <numerusform>%Ln request</numerusform>
        <numerusform>%Ln requests</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::PublishersPanel</name>
    <message numerus="yes">
      <source>%n trusted publisher(s).</source>
      <translation>
        <numerusform>%n trusted publisher.</numerusform>
        <numerusform>%n trusted publishers.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::ReasonDialog</name>
    <message numerus="yes">
      <source>Reject %Ln request(s). The reason is optional and is shown to the requesters. Rejected users cannot ask again.</source>
      <translation>
        <numerusform>Reject %Ln request. The reason is optional and is shown to the requesters. Rejected users cannot ask again.</numerusform>
        <numerusform>Reject %Ln requests. The reason is optional and is shown to the requesters. Rejected users cannot ask again.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1 / %2: shorten the reason by %Ln character(s)</source>
      <translation>
        <numerusform>%1 / %2: shorten the reason by %Ln character</numerusform>
        <numerusform>%1 / %2: shorten the reason by %Ln characters</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::RepoBrowser</name>
    <message numerus="yes">
      <source>%Ln repositories</source>
      <translation>
        <numerusform>%Ln repository</numerusform>
        <numerusform>%Ln repositories</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1 of %Ln repositories</source>
      <translation>
        <numerusform>%1 of %Ln repository</numerusform>
        <numerusform>%1 of %Ln repositories</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::RepoOverviewPage</name>
    <message numerus="yes">
      <source>%Ln extra field(s): %1</source>
      <translation>
        <numerusform>%Ln extra field: %1</numerusform>
        <numerusform>%Ln extra fields: %1</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1 · %Ln file(s)</source>
      <translation>
        <numerusform>%1 · %Ln file</numerusform>
        <numerusform>%1 · %Ln files</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::RequestDetails</name>
    <message numerus="yes">
      <source>&lt;h3&gt;%Ln request(s) selected&lt;/h3&gt;&lt;p&gt;The actions above apply to all of them.&lt;/p&gt;</source>
      <translation>
        <numerusform>&lt;h3&gt;%Ln request selected&lt;/h3&gt;&lt;p&gt;The actions above apply to all of them.&lt;/p&gt;</numerusform>
        <numerusform>&lt;h3&gt;%Ln requests selected&lt;/h3&gt;&lt;p&gt;The actions above apply to all of them.&lt;/p&gt;</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::ReviewPage</name>
    <message numerus="yes">
      <source>Loading the access requests of %1: %Ln so far…</source>
      <translation>
        <numerusform>Loading the access requests of %1: %Ln so far…</numerusform>
        <numerusform>Loading the access requests of %1: %Ln so far…</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1: 0 of %Ln requests…</source>
      <translation>
        <numerusform>%1: 0 of %Ln requests…</numerusform>
        <numerusform>%1: 0 of %Ln requests…</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%1 of %Ln requests done…</source>
      <translation>
        <numerusform>%1 of %Ln requests done…</numerusform>
        <numerusform>%1 of %Ln requests done…</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Waiting %Ln s: %1</source>
      <translation>
        <numerusform>Waiting %Ln s: %1</numerusform>
        <numerusform>Waiting %Ln s: %1</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Accept %Ln access request(s) to %1?</source>
      <translation>
        <numerusform>Accept %Ln access request to %1?</numerusform>
        <numerusform>Accept %Ln access requests to %1?</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Cancel the access of %Ln user(s) to %1?</source>
      <translation>
        <numerusform>Cancel the access of %Ln user to %1?</numerusform>
        <numerusform>Cancel the access of %Ln users to %1?</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Accept %Ln</source>
      <translation>
        <numerusform>Accept %Ln</numerusform>
        <numerusform>Accept %Ln</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Cancel access of %Ln</source>
      <translation>
        <numerusform>Cancel access of %Ln</numerusform>
        <numerusform>Cancel access of %Ln</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::StatusBarWidgets</name>
    <message numerus="yes">
      <source>%Ln call(s) to the Hub in progress</source>
      <translation>
        <numerusform>%Ln call to the Hub in progress</numerusform>
        <numerusform>%Ln calls to the Hub in progress</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::TokenExchangeJob</name>
    <message numerus="yes">
      <source>The Hub accepted the ID token and issued %1, valid for %n second(s).</source>
      <translation>
        <numerusform>The Hub accepted the ID token and issued %1, valid for %n second.</numerusform>
        <numerusform>The Hub accepted the ID token and issued %1, valid for %n seconds.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::cli::ExportCommand</name>
    <message numerus="yes">
      <source>Loading access requests: %Ln so far</source>
      <translation>
        <numerusform>Loading access requests: %Ln so far</numerusform>
        <numerusform>Loading access requests: %Ln so far</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Exported %Ln access request(s) to %1.</source>
      <translation>
        <numerusform>Exported %Ln access request to %1.</numerusform>
        <numerusform>Exported %Ln access requests to %1.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>hubgate::cli::RequestsCommand</name>
    <message numerus="yes">
      <source>Loading the access requests of %1: %Ln so far</source>
      <translation>
        <numerusform>Loading the access requests of %1: %Ln so far</numerusform>
        <numerusform>Loading the access requests of %1: %Ln so far</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln access request(s): %1.</source>
      <translation>
        <numerusform>%Ln access request: %1.</numerusform>
        <numerusform>%Ln access requests: %1.</numerusform>
      </translation>
    </message>
  </context>
</TS>
