export default function Overview() {
  return <p>建设中</p>;
}
