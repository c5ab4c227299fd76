// What is measured and where it stays, in plain words.
export function PrivacySection() {
  return (
    <section id="privacy" className="options-section privacy" aria-labelledby="privacy-title">
      <h2 id="privacy-title">Privacy</h2>
      <ul>
        <li>
          <strong>What is measured:</strong> when you speak and when others speak, to the hundredth of a second;
          from that, talk share, interruptions, backchannels, turn lengths and pauses. On meeting pages the coach
          also reads whether you are muted, how many people take part and the meeting title. No names are stored.
        </li>
        <li>
          <strong>What is never kept:</strong> audio, words or transcripts. Sound is analysed as it arrives and
          discarded within seconds; the speech model runs inside the extension on this computer.
        </li>
        <li>
          <strong>Where it stays:</strong> in this browser profile only. Nothing is sent to any server. Your
          settings (not your calls) travel with your Chrome profile if you use Chrome sync.
        </li>
        <li>
          <strong>Your control:</strong> export or delete every call above at any time, set how long calls are
          kept, pause the coach in a call, or switch it off per site.
        </li>
        <li>
          <strong>Other people:</strong> the coach measures the conversation, not who said what: everyone else is
          one “others” channel. Consider telling people you use it.
        </li>
      </ul>
    </section>
  );
}
